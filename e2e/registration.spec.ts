import { expect, test } from './fixtures'
import { LoginPage } from './pages/login-page'
import { RegisterPage } from './pages/register-page'

test('a visitor registers from the sign-in page, is told why a common password is refused, and lands in the console', async ({
  page,
}, testInfo) => {
  const email = `grace-${Date.now().toString(36)}@example.com`
  const login = new LoginPage(page)
  await login.open()
  await page.getByRole('link', { name: 'Create an account' }).click()
  const register = new RegisterPage(page)
  await expect(register.heading()).toBeVisible()

  await register.fill({ name: 'Grace Hopper', email, password: 'Password1234!' })
  // The rules tick off as the user types; the common-password list loads once typing starts.
  await expect(register.rule('Use at least 12 characters')).toContainText('(met)')
  await expect(register.rule('Do not use a common password')).toContainText('(not met)')
  await register.submit()
  await expect(page.getByText('Do not use a common password.', { exact: true })).toBeVisible()
  await expect(register.name()).toHaveValue('Grace Hopper')
  await expect(register.email()).toHaveValue(email)
  await page.screenshot({ path: testInfo.outputPath('register-refused-desktop.png'), fullPage: true })

  await register.password().fill('Compiler-Pioneer-1906')
  await register.confirm().fill('Compiler-Pioneer-1906')
  await expect(register.rule('Do not use a common password')).toContainText('(met)')
  await register.submit()
  await expect(page.getByRole('heading', { name: 'Welcome, Grace Hopper' })).toBeVisible()
  await expect(page.getByRole('main').getByRole('listitem').filter({ hasText: 'default' })).toContainText('member')
})

test('the registration page reads well at phone width and refuses mismatched passwords', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto('/register')
  const register = new RegisterPage(page)
  await register.fill({
    name: 'Kim',
    email: `kim-${Date.now().toString(36)}@example.com`,
    password: 'Correct-Horse-42',
    confirm: 'Correct-Horse-24',
  })
  await register.submit()
  await expect(page.getByText('The passwords do not match.')).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
  await page.screenshot({ path: testInfo.outputPath('register-phone.png'), fullPage: true })
})
