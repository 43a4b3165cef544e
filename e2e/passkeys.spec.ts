import { generate } from 'otplib'
import { expect, test } from './fixtures'
import { ConsolePage } from './pages/console-page'
import { LoginPage } from './pages/login-page'
import { SecurityPage } from './pages/security-page'
import { SessionsPage } from './pages/sessions-page'
import { TwoFactorPage } from './pages/two-factor-page'
import { registerWithToken } from './support/accounts'
import { addVirtualAuthenticator } from './support/virtual-authenticator'

const appCode = (secret: string, stepsAhead = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 })
const PHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1'

test('a user with TOTP adds a passkey, signs in with it alone, ends another session, and removes it', async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  const account = {
    email: `grace-${Date.now().toString(36)}@example.com`,
    password: 'Compiler-Pioneer-1952',
    name: 'Grace Passkey',
  }
  const token = await registerWithToken(page.request, account)
  const bearer = { authorization: `Bearer ${token}` }
  const { secret } = await (await page.request.post('/api/v1/auth/mfa/totp/setup', { headers: bearer })).json()
  const enabled = await page.request.post('/api/v1/auth/mfa/totp/enable', {
    headers: bearer,
    data: { code: await appCode(secret), password: account.password },
  })
  const { recovery_codes: recoveryCodes } = await enabled.json()

  // A phone signed in with password and a recovery code: the session to end later.
  const phoneContext = await browser.newContext({ baseURL, userAgent: PHONE_UA, viewport: { width: 390, height: 844 } })
  const phone = await phoneContext.newPage()
  await new LoginPage(phone).open()
  await new LoginPage(phone).signIn(account.email, account.password)
  await new TwoFactorPage(phone).enterRecoveryCode(recoveryCodes[0])
  await expect(phone.getByRole('heading', { name: 'Welcome, Grace Passkey' })).toBeVisible()

  const authenticator = await addVirtualAuthenticator(page)
  const login = new LoginPage(page)
  const consolePage = new ConsolePage(page)
  await login.open()
  await login.signIn(account.email, account.password)
  await new TwoFactorPage(page).enterCode(await appCode(secret, 1))
  await expect(consolePage.welcome()).toBeVisible()

  const security = new SecurityPage(page)
  await security.open()
  await expect(security.passkeys()).toContainText('None')
  const dialog = await security.addPasskey('Work laptop', 'not-my-password')
  await expect(dialog.getByText('The password is not correct.')).toBeVisible()
  await expect(dialog.getByLabel('Name')).toHaveValue('Work laptop')
  expect(await authenticator.credentials()).toHaveLength(0)
  await dialog.getByLabel('Your current password').fill(account.password)
  await dialog.getByRole('button', { name: 'Continue' }).click()
  await expect(dialog).toBeHidden()
  await expect(security.passkeyList()).toHaveCount(1)
  await expect(security.passkeyList().first()).toContainText('Work laptop')
  await expect(security.passkeyList().first()).toContainText('never used')
  const [credential] = await authenticator.credentials()
  expect(credential).toMatchObject({ isResidentCredential: true, rpId: 'localhost', userName: account.email })
  await security.renamePasskey('Work laptop', 'ThinkPad')
  await expect(security.passkeyList().first()).toContainText('ThinkPad')
  await page.screenshot({ path: testInfo.outputPath('passkeys-desktop.png'), fullPage: true })

  await consolePage.signOut()
  await expect(login.heading()).toBeVisible()
  await login.signInWithPasskey()
  // No e-mail, no password, no code: the passkey is both factors.
  await expect(consolePage.welcome()).toBeVisible()
  await expect(page.getByText('Authenticator app, Passkey')).toBeVisible()
  // The user's own recent activity names what happened, refusals with their reason.
  const activity = page.getByRole('list', { name: 'Recent activity' })
  await expect(activity.getByText('Passkey added', { exact: true })).toHaveCount(2)
  await expect(activity.getByText('failed: wrong password')).toBeVisible()
  await expect(activity.getByText('Recovery code used')).toBeVisible()

  const sessions = new SessionsPage(page)
  await sessions.open()
  // The phone, this browser, and the API sign-in that turned TOTP on.
  await expect(sessions.rows()).toHaveCount(3)
  await sessions.signOut('Safari on iOS')
  await expect(sessions.rows()).toHaveCount(2)
  await phone.reload()
  await expect(phone).toHaveURL(/\/login\?reason=session_ended$/)

  await security.open()
  await expect(security.passkeyList().first()).toContainText('last used')
  await page.setViewportSize({ width: 390, height: 844 })
  await page.screenshot({ path: testInfo.outputPath('passkeys-phone.png'), fullPage: true })
  await security.removePasskey('ThinkPad', account.password)
  await expect(security.passkeyList()).toHaveCount(0)
  await expect(security.passkeys()).toContainText('None')

  await consolePage.signOut()
  // The browser still holds it, but Gatehouse no longer knows it.
  await login.signInWithPasskey()
  await expect(
    page.getByText('This passkey is not registered with Gatehouse. Sign in with your password.'),
  ).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('passkey-refused-phone.png'), fullPage: true })
  await phoneContext.close()
})

test('a passkey is the second step after a password, and a failed fingerprint is explained', async ({
  page,
}, testInfo) => {
  const account = {
    email: `alan-${Date.now().toString(36)}@example.com`,
    password: 'Imitation-Game-1950',
    name: 'Alan Second',
  }
  expect((await page.request.post('/api/v1/auth/register', { data: account })).status()).toBe(201)
  const authenticator = await addVirtualAuthenticator(page)
  const login = new LoginPage(page)
  const consolePage = new ConsolePage(page)
  await login.open()
  await login.signIn(account.email, account.password)
  await expect(consolePage.welcome()).toBeVisible()
  const security = new SecurityPage(page)
  await security.open()
  const dialog = await security.addPasskey('Pixel', account.password)
  await expect(dialog).toBeHidden()
  await expect(security.passkeyList()).toHaveCount(1)

  await consolePage.signOut()
  await login.signIn(account.email, account.password)
  const twoFactor = new TwoFactorPage(page)
  await expect(twoFactor.heading()).toBeVisible()
  // Only a passkey: no code field to offer.
  await expect(page.getByLabel('Authentication code')).toHaveCount(0)
  await authenticator.failUserVerification()
  await page.getByRole('button', { name: 'Use a passkey' }).click()
  await expect(
    page.getByText('The passkey prompt was closed or timed out. Try again when you are ready.'),
  ).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('passkey-second-step-refused-desktop.png'), fullPage: true })
  await authenticator.passUserVerification()
  await page.getByRole('button', { name: 'Use a passkey' }).click()
  await expect(consolePage.welcome()).toBeVisible()
  await expect(page.getByText('Passkey', { exact: true })).toBeVisible()
})
