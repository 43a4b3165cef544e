import { expect, test } from './fixtures'
import { LoginPage } from './pages/login-page'
import { SessionsPage } from './pages/sessions-page'

const PHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1'

test('a user sees where they are signed in and signs out their phone from the laptop', async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  const account = {
    email: `lin-${Date.now().toString(36)}@example.com`,
    password: 'Sessions-Test-Pass-7',
    name: 'Lin Sessions',
  }
  expect((await page.request.post('/api/v1/auth/register', { data: account })).status()).toBe(201)

  const phoneContext = await browser.newContext({ baseURL, userAgent: PHONE_UA, viewport: { width: 390, height: 844 } })
  const phone = await phoneContext.newPage()
  const phoneErrors: string[] = []
  phone.on('pageerror', (error) => phoneErrors.push(error.message))
  await new LoginPage(phone).open()
  await new LoginPage(phone).signIn(account.email, account.password)
  await expect(phone.getByRole('heading', { name: 'Welcome, Lin Sessions' })).toBeVisible()

  await new LoginPage(page).open()
  await new LoginPage(page).signIn(account.email, account.password)
  await expect(page.getByRole('heading', { name: 'Welcome, Lin Sessions' })).toBeVisible()
  const sessions = new SessionsPage(page)
  await sessions.open()
  await expect(sessions.heading()).toBeVisible()
  await expect(sessions.rows()).toHaveCount(2)
  await expect(sessions.row('This browser')).toContainText('Chrome')
  await expect(sessions.row('Safari on iOS')).not.toContainText('This browser')
  await page.screenshot({ path: testInfo.outputPath('sessions-desktop.png'), fullPage: true })

  await sessions.signOut('Safari on iOS')
  await expect(sessions.rows()).toHaveCount(1)
  await expect(page.getByText('That browser is signed out.')).toHaveCount(0) // the dialog closed on success

  await phone.reload()
  await expect(phone).toHaveURL(/\/login\?reason=session_ended$/)
  await expect(phone.getByText('Your session has ended. Sign in again to continue.')).toBeVisible()
  await new LoginPage(phone).signIn(account.email, account.password)
  await expect(phone.getByRole('heading', { name: 'Welcome, Lin Sessions' })).toBeVisible()
  await new SessionsPage(phone).open()
  await expect(new SessionsPage(phone).rows()).toHaveCount(2)
  expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
  await phone.screenshot({ path: testInfo.outputPath('sessions-phone.png'), fullPage: true })
  expect(phoneErrors).toEqual([])
  await phoneContext.close()
})
