import { expect, test } from './fixtures'
import { E2E_IDP } from './global-setup'
import { SsoAdminPage } from './pages/sso-admin-page'
import { consoleAdminHeaders } from './support/accounts'
import { serverInfo } from './support/servers'

// Single sign-on as people meet it: an administrator adds the provider in the console, signs out,
// and a colleague signs in with the provider's button at a real OpenID Provider (oidc-provider on
// 127.0.0.1), lands in the console as a just-in-time member of the provider's org, and signs in again
// later into the same account. Someone from another domain is turned away with a readable message.
test.describe.configure({ mode: 'serial' })

const ISSUER = `http://127.0.0.1:${E2E_IDP.port}`

test.afterAll(async ({ request }) => {
  const removed = await request.delete(`/api/v1/admin/oidc-providers/${E2E_IDP.slug}`, {
    headers: await consoleAdminHeaders(request),
  })
  expect([204, 404]).toContain(removed.status())
})

test('an administrator adds a provider, and a colleague signs in with it just in time, twice into one account', async ({
  page,
  loginPage,
  consolePage,
  request,
}) => {
  const { admin } = serverInfo('console')
  await loginPage.open()
  await loginPage.signIn(admin!.email, admin!.password)
  await expect(consolePage.welcome()).toBeVisible()

  const sso = new SsoAdminPage(page)
  await sso.open()
  await expect(sso.heading()).toBeVisible()
  const dialog = await sso.addProvider({
    slug: E2E_IDP.slug,
    name: 'Test IdP',
    issuer: ISSUER,
    clientId: E2E_IDP.client.client_id,
    clientSecret: E2E_IDP.client.client_secret,
    allowedDomains: 'sso.example.test',
    org: 'default',
    role: 'viewer',
  })
  await expect(dialog.getByText(`http://localhost:3102/api/auth/callback/${E2E_IDP.slug}`)).toBeVisible()
  await dialog.getByRole('button', { name: 'Add provider' }).click()
  await expect(dialog).toBeHidden()
  await expect(sso.row('Test IdP')).toBeVisible()
  await page.screenshot({ path: 'test-results/sso-admin-desktop.png', fullPage: true })
  await consolePage.signOut()

  // The colleague: the provider's button, the IdP's own sign-in page, and back into the console.
  await expect(loginPage.heading()).toBeVisible()
  await page.screenshot({ path: 'test-results/sso-login-desktop.png', fullPage: true })
  await page.getByRole('link', { name: 'Sign in with Test IdP' }).click()
  await expect(page.getByRole('heading', { name: 'Test IdP sign-in' })).toBeVisible()
  expect(new URL(page.url()).origin).toBe(ISSUER)
  await page.getByLabel('Username').fill('grace')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { name: 'Welcome, Grace Hopper' })).toBeVisible()
  expect(new URL(page.url()).origin).toBe('http://localhost:3102')

  const headers = await consoleAdminHeaders(request)
  const users = await (await request.get('/api/v1/admin/users?q=grace', { headers })).json()
  const grace = users.items.filter((user: { email: string }) => user.email === 'grace@sso.example.test')
  expect(grace).toHaveLength(1)
  const defaultOrg = await (await request.get('/api/v1/orgs/default/members', { headers })).json()
  expect(defaultOrg.items).toContainEqual(expect.objectContaining({ email: 'grace@sso.example.test', role: 'viewer' }))

  await page.goto('/security')
  await expect(page.getByText('Signed in with Test IdP')).toBeVisible()
  await expect(page.getByText('You have no Gatehouse password')).toBeVisible()
  await page.screenshot({ path: 'test-results/sso-security-desktop.png', fullPage: true })

  // Later, through "Continue with SSO" with the work e-mail: the same account, not a second one.
  await consolePage.signOut()
  await page.getByRole('button', { name: 'Continue with SSO' }).click()
  await page.getByLabel('Work e-mail').fill('nobody@unknown.test')
  await page.getByRole('button', { name: 'Continue with SSO' }).click()
  await expect(page.getByText('No single sign-on is set up for this domain')).toBeVisible()
  await expect(page.getByLabel('Work e-mail')).toHaveValue('nobody@unknown.test')
  await page.getByLabel('Work e-mail').fill('grace@sso.example.test')
  await page.getByRole('button', { name: 'Continue with SSO' }).click()
  await page.getByLabel('Username').fill('grace')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { name: 'Welcome, Grace Hopper' })).toBeVisible()
  const again = await (await request.get('/api/v1/admin/users?q=grace', { headers })).json()
  expect(again.items.filter((user: { email: string }) => user.email === 'grace@sso.example.test')).toHaveLength(1)
})

test('someone from a domain the provider may not vouch for ends on the sign-in page with a readable reason', async ({
  page,
  loginPage,
}) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await loginPage.open()
  await page.getByRole('link', { name: 'Sign in with Test IdP' }).click()
  await page.getByLabel('Username').fill('oscar')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/login\?error=sso_domain_not_allowed$/)
  // Next's route announcer is an (empty) alert too, once the client has navigated.
  await expect(
    page.getByRole('alert').filter({ hasText: 'accounts from your e-mail domain cannot sign in here' }),
  ).toBeVisible()
  await page.screenshot({ path: 'test-results/sso-refused-phone.png', fullPage: true })
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(scrollWidth).toBeLessThanOrEqual(390)
})
