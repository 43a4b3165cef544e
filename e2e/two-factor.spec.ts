import { generate } from 'otplib'
import { expect, test } from './fixtures'
import { ConsolePage } from './pages/console-page'
import { LoginPage } from './pages/login-page'
import { SecurityPage } from './pages/security-page'
import { TwoFactorPage } from './pages/two-factor-page'

/** What an authenticator app shows `stepsAhead` periods from now (the enabling code is spent). */
const appCode = (secret: string, stepsAhead = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 })

test('a user turns on TOTP, signs in with a code, and uses a recovery code exactly once', async ({ page }, testInfo) => {
  const account = { email: `ada-${Date.now().toString(36)}@example.com`, password: 'Analytical-Engine-1843', name: 'Ada Twofactor' }
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
  await page.getByLabel('Code from the app').fill('000000')
  await page.getByRole('button', { name: 'Turn on two-factor' }).click()
  await expect(page.getByText('That code is not correct. Enter the current code from your app.')).toBeVisible()
  const recoveryCodes = await security.confirmTotp(await appCode(secret))
  expect(recoveryCodes).toHaveLength(10)
  await page.screenshot({ path: testInfo.outputPath('totp-recovery-codes-desktop.png'), fullPage: true })
  await page.getByRole('button', { name: 'I have saved them' }).click()
  await expect(security.twoFactor()).toContainText('10 of 10 recovery codes left')

  await consolePage.signOut()
  await login.signIn(account.email, account.password)
  await expect(twoFactor.heading()).toBeVisible()
  await twoFactor.enterCode(await appCode(secret, 1))
  await expect(consolePage.welcome()).toBeVisible()
  await expect(page.getByText('Authenticator app')).toBeVisible()

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
