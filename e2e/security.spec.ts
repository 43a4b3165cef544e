import { expect, test } from './fixtures'
import { LoginPage } from './pages/login-page'
import { SecurityPage } from './pages/security-page'

test('changing the password keeps this browser signed in and signs the others out', async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  const account = {
    email: `noor-${Date.now().toString(36)}@example.com`,
    password: 'First-Password-Ok-1',
    name: 'Noor Security',
  }
  expect((await page.request.post('/api/v1/auth/register', { data: account })).status()).toBe(201)
  const otherContext = await browser.newContext({ baseURL })
  const other = await otherContext.newPage()
  await new LoginPage(other).open()
  await new LoginPage(other).signIn(account.email, account.password)
  await expect(other.getByRole('heading', { name: 'Welcome, Noor Security' })).toBeVisible()

  await new LoginPage(page).open()
  await new LoginPage(page).signIn(account.email, account.password)
  await expect(page.getByRole('heading', { name: 'Welcome, Noor Security' })).toBeVisible()
  const security = new SecurityPage(page)
  await security.open()
  await expect(security.heading()).toBeVisible()

  await security.changePassword('Not-My-Password-9', 'Second-Password-Ok-2')
  await expect(page.getByText('The current password is not correct.')).toBeVisible()
  await expect(page.getByLabel('New password', { exact: true })).toHaveValue('Second-Password-Ok-2')

  await security.changePassword(account.password, 'Second-Password-Ok-2')
  await expect(page.getByText('Password changed. Signed out 1 other browser and ended 0 API sign-ins.')).toBeVisible()
  await expect(page.getByLabel('Current password')).toHaveValue('')
  await page.screenshot({ path: testInfo.outputPath('security-desktop.png'), fullPage: true })

  await other.reload()
  await expect(other).toHaveURL(/\/login\?reason=session_ended$/)
  await page.reload()
  await expect(security.heading()).toBeVisible()
  await otherContext.close()
})
