import { generate } from 'otplib'
import { expect, test } from './fixtures'
import { ConsolePage } from './pages/console-page'
import { LoginPage } from './pages/login-page'
import { SecurityPage } from './pages/security-page'
import { TwoFactorPage } from './pages/two-factor-page'

/** What an authenticator app shows `stepsAhead` periods from now (the enabling code is spent). */
const appCode = (secret: string, stepsAhead = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 })

test('a user turns on TOTP, signs in with a code, and uses a recovery code exactly once', async ({
  page,
}, testInfo) => {
  const account = {
    email: `ada-${Date.now().toString(36)}@example.com`,
    password: 'Analytical-Engine-1843',
    name: 'Ada Twofactor',
  }
  expect((await page.request.post('/api/v1/auth/register', { data: account })).status()).toBe(201)
  const login = new LoginPage(page)
  const consolePage = new ConsolePage(page)
  const twoFactor = new TwoFactorPage(page)
  await login.open()
  await login.signIn(account.email, account.password)
  await expect(consolePage.welcome()).toBeVisible()

  const security = new SecurityPage(page)
  await security.open()
  const secret = await security.startTotp()
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('totp-setup-desktop.png'), fullPage: true })
  // A borrowed session cannot turn it on: the password is asked for, and a wrong one is refused.
  await page.getByLabel('Code from the app').fill(await appCode(secret))
  await page.getByLabel('Your current password').fill('Not-My-Password-1')
  await page.getByRole('button', { name: 'Turn on two-factor' }).click()
  await expect(page.getByText('The password is not correct.')).toBeVisible()
  await page.getByLabel('Code from the app').fill('000000')
  await page.getByLabel('Your current password').fill(account.password)
  await page.getByRole('button', { name: 'Turn on two-factor' }).click()
  await expect(page.getByText('That code is not correct. Enter the current code from your app.')).toBeVisible()
  const recoveryCodes = await security.confirmTotp(await appCode(secret), account.password)
  expect(recoveryCodes).toHaveLength(10)
  await page.screenshot({ path: testInfo.outputPath('totp-recovery-codes-desktop.png'), fullPage: true })
  await page.getByRole('button', { name: 'I have saved them' }).click()
  await expect(security.authenticatorApp()).toContainText('10 of 10 recovery codes left')

  await consolePage.signOut()
  await login.signIn(account.email, account.password)
  await expect(twoFactor.heading()).toBeVisible()
  await twoFactor.enterCode(await appCode(secret, 1))
  await expect(consolePage.welcome()).toBeVisible()
  await expect(page.getByText('Authenticator app', { exact: true })).toBeVisible()

  await consolePage.signOut()
  await login.signIn(account.email, account.password)
  await twoFactor.enterRecoveryCode(recoveryCodes[0])
  await expect(consolePage.welcome()).toBeVisible()

  await consolePage.signOut()
  await login.signIn(account.email, account.password)
  await twoFactor.enterRecoveryCode(recoveryCodes[0])
  await expect(page.getByText('That recovery code is not valid or was already used.')).toBeVisible()
  await page.setViewportSize({ width: 390, height: 844 })
  await page.screenshot({ path: testInfo.outputPath('two-factor-refused-phone.png'), fullPage: true })
  await twoFactor.page.getByLabel('Recovery code').fill(recoveryCodes[1])
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(consolePage.welcome()).toBeVisible()
})

test('an organization that requires two-factor sends a member without it to set it up', async ({ page }) => {
  const stamp = Date.now().toString(36)
  const owner = { email: `owner-${stamp}@example.com`, password: 'Owner-Requires-2fa-1', name: 'Olu Owner' }
  const member = { email: `member-${stamp}@example.com`, password: 'Member-Lacks-2fa-1', name: 'Mia Member' }
  for (const account of [owner, member])
    expect((await page.request.post('/api/v1/auth/register', { data: account })).status()).toBe(201)
  // The owner, through the API: a second factor, an org that requires it, the member added.
  const api = async (path: string, token: string, data?: unknown, method = 'POST') => {
    const response = await page.request.fetch(path, { method, headers: { authorization: `Bearer ${token}` }, data })
    expect(response.status(), `${method} ${path}`).toBeLessThan(300)
    return response.json()
  }
  const { access_token: token } = await (
    await page.request.post('/api/v1/auth/token', { data: { email: owner.email, password: owner.password } })
  ).json()
  const { secret } = await api('/api/v1/auth/mfa/totp/setup', token)
  await api('/api/v1/auth/mfa/totp/enable', token, { code: await appCode(secret), password: owner.password })
  const org = await api('/api/v1/orgs', token, { name: `Vault ${stamp}` })
  await api(`/api/v1/orgs/${org.slug}`, token, { require_mfa: true }, 'PATCH')
  await api(`/api/v1/orgs/${org.slug}/members`, token, { email: member.email, role: 'viewer' })

  const login = new LoginPage(page)
  await login.open()
  await login.signIn(member.email, member.password)
  await expect(new ConsolePage(page).welcome()).toBeVisible()
  await page.goto(`/orgs/${org.slug}/members`)
  await expect(page).toHaveURL(new RegExp(`/security\\?required_by=${org.slug}$`))
  await expect(page.getByText(`The organization ${org.slug} requires two-factor sign-in`)).toBeVisible()
  const secretOfMember = await new SecurityPage(page).startTotp()
  await new SecurityPage(page).confirmTotp(await appCode(secretOfMember), member.password)
  await page.getByRole('button', { name: 'I have saved them' }).click()
  await page.goto(`/orgs/${org.slug}/members`)
  await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible()
})
