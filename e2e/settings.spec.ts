import type { Browser } from '@playwright/test'
import { expect, test } from './fixtures'
import { RegisterPage } from './pages/register-page'
import { consoleAdminHeaders } from './support/accounts'
import { serverInfo } from './support/servers'

// Instance settings as an administrator changes them: the sign-up page follows at once, a bad value
// is explained and kept in the form, and the change is in the audit log. The console instance is
// shared with other specs, so the settings are put back afterwards.
test.describe.configure({ mode: 'serial' })

async function anonymousPage(browser: Browser, path: string) {
  const context = await browser.newContext({ baseURL: serverInfo('console').url })
  const page = await context.newPage()
  await page.goto(path)
  return page
}

test.afterAll(async ({ request }) => {
  const reset = await request.patch('/api/v1/admin/settings', {
    headers: await consoleAdminHeaders(request),
    data: { enable_registration: true, password_policy: { min_length: 12, require_symbol: true } },
  })
  expect(reset.status()).toBe(200)
})

test('an administrator tightens the password policy and closes registration from the Settings page', async ({
  page,
  loginPage,
  browser,
}) => {
  const { admin } = serverInfo('console')
  await loginPage.open()
  await loginPage.signIn(admin!.email, admin!.password)
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible()
  await page
    .getByRole('navigation', { name: 'Console' })
    .getByRole('link', { name: 'Settings', exact: true })
    .last()
    .click()
  await expect(page).toHaveURL(/\/admin\/settings$/)
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()

  // A value out of range is explained next to its field and what was typed stays there.
  await page.getByLabel('Minimum length').fill('4')
  await page.getByLabel('Require a symbol').click()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('At least 8.')).toBeVisible()
  await expect(page.getByLabel('Minimum length')).toHaveValue('4')
  await expect(page.getByLabel('Require a symbol')).toHaveAttribute('aria-checked', 'false')

  await page.getByLabel('Minimum length').fill('20')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText(/^Settings saved/)).toBeVisible()

  const visitor = new RegisterPage(await anonymousPage(browser, '/register'))
  await expect(visitor.heading()).toBeVisible()
  await expect(visitor.rule('Use at least 20 characters')).toBeVisible()
  await expect(visitor.rule('Include a symbol')).toHaveCount(0)

  await page.getByLabel('Open registration').click()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText(/^Settings saved/)).toBeVisible()
  await expect(page.getByLabel('Open registration')).toHaveAttribute('aria-checked', 'false')
  await page.reload()
  await expect(page.getByLabel('Open registration')).toHaveAttribute('aria-checked', 'false')
  await expect(page.getByLabel('Minimum length')).toHaveValue('20')

  await visitor.page.reload()
  await expect(visitor.page.getByRole('heading', { name: 'Registration is closed' })).toBeVisible()
  await visitor.page.goto('/login')
  await expect(visitor.page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await expect(visitor.page.getByRole('link', { name: 'Create an account' })).toHaveCount(0)
  const refused = await visitor.page.request.post('/api/v1/auth/register', {
    data: { email: 'late@example.com', name: 'Late', password: 'Twenty-Characters-Long-9' },
  })
  expect(refused.status()).toBe(403)
  await visitor.page.context().close()

  await page.goto('/admin/audit?action=settings.update')
  await expect(page.getByRole('row')).toHaveCount(1 + 2)
  await page
    .getByRole('button', { name: /^Details/ })
    .first()
    .click()
  await expect(page.getByRole('dialog').getByText('enable_registration')).toBeVisible()
})

test('a member who is not an administrator cannot see or change the settings', async ({ page, request, loginPage }) => {
  const member = {
    email: `settings-${Date.now().toString(36)}@example.com`,
    name: 'Sam Member',
    password: 'Not-An-Admin-Here-42',
  }
  const created = await request.post('/api/v1/admin/users', {
    headers: await consoleAdminHeaders(request),
    data: member,
  })
  expect(created.status()).toBe(201)
  await loginPage.open()
  await loginPage.signIn(member.email, member.password)
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible()
  await page.goto('/admin/settings')
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('link', { name: 'Settings', exact: true })).toHaveCount(1) // the org's, not Administration's
  const signedIn = await request.post('/api/v1/auth/token', {
    data: { email: member.email, password: member.password },
  })
  const headers = { authorization: `Bearer ${(await signedIn.json()).access_token}` }
  const attempt = await request.patch('/api/v1/admin/settings', { headers, data: { enable_registration: false } })
  expect(attempt.status()).toBe(403)
  expect((await attempt.json()).code).toBe('forbidden')
  expect((await request.get('/api/v1/admin/settings', { headers })).status()).toBe(403)
})

test('a dialog that is refused keeps what was typed, and the Single sign-on page says what is wrong with an issuer', async ({
  page,
  loginPage,
}) => {
  const { admin } = serverInfo('console')
  await loginPage.open()
  await loginPage.signIn(admin!.email, admin!.password)
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible()
  await page.goto('/admin/users')
  await page.getByRole('button', { name: 'Create user' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Name').fill('Kept Name')
  await dialog.getByLabel('E-mail').fill(admin!.email) // taken: refused by the server
  await dialog.getByLabel('Initial password').fill('Plenty-Long-Passphrase-9')
  await dialog.getByRole('button', { name: 'Create user' }).click()
  await expect(dialog.getByText(/already exists/)).toBeVisible()
  await expect(dialog.getByLabel('Name')).toHaveValue('Kept Name')
  await expect(dialog.getByLabel('Initial password')).toHaveValue('Plenty-Long-Passphrase-9')
  await dialog.getByRole('button', { name: 'Cancel' }).click()

  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Single sign-on' }).click()
  await expect(page.getByRole('heading', { name: 'Single sign-on', level: 1 })).toBeVisible()
  await page.getByRole('button', { name: 'Add provider' }).click()
  await dialog.getByLabel('Slug').fill('team-idp')
  await expect(dialog.getByText(/api\/auth\/callback\/team-idp$/)).toBeVisible()
  await dialog.getByLabel('Display name').fill('Team IdP')
  await dialog.getByLabel('Issuer URL').fill('http://127.0.0.1:9/realms/team')
  await dialog.getByLabel('Client ID').fill('gatehouse')
  await dialog.getByLabel('Client secret').fill('from-the-idp')
  await dialog.getByRole('button', { name: 'Add provider' }).click()
  // An issuer on a local address is refused unless OIDC_TRUSTED_ISSUERS lists it: no call is made.
  await expect(dialog.getByText(/is not https:\/\/ \(list it in OIDC_TRUSTED_ISSUERS/).first()).toBeVisible()
  await expect(dialog.getByLabel('Client secret')).toHaveValue('from-the-idp')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByText('No provider yet.')).toBeVisible()
})
