import { expect, test } from './fixtures'
import { LoginPage } from './pages/login-page'
import { serverInfo } from './support/servers'
import { routeTurnstileScript } from './support/turnstile-script'

test('with Turnstile on, a rejected check is explained beside the widget and a passed one signs in', async ({
  page,
}, testInfo) => {
  const outcome = { next: 'fail' as 'pass' | 'fail' }
  await routeTurnstileScript(page, outcome)
  const { admin } = serverInfo('turnstile')
  const login = new LoginPage(page)
  const response = await page.goto('/login')
  expect(response!.headers()['content-security-policy']).toContain('frame-src https://challenges.cloudflare.com')
  await expect(page.getByText('Turnstile stand-in: verified')).toBeVisible()

  await login.signIn(admin!.email, admin!.password)
  await expect(page.getByText('The check that you are human failed or expired. Try it again.').last()).toBeVisible()
  await expect(login.email()).toHaveValue(admin!.email)
  await page.screenshot({ path: testInfo.outputPath('turnstile-refused-desktop.png'), fullPage: true })

  // The user does the check again, and this time it passes.
  outcome.next = 'pass'
  await page.evaluate(() => (window as unknown as { turnstile: { __resetAll(): void } }).turnstile.__resetAll())
  await login.password().fill(admin!.password)
  await login.submit().click()
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible()
})
