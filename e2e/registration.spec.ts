import { expect, test } from './fixtures'
import { LoginPage } from './pages/login-page'
import { RegisterPage } from './pages/register-page'

test('a visitor registers from the sign-in page, is told why a common password is refused, and starts an organization of their own', async ({
  page,
}, testInfo) => {
  const email = `grace-${Date.now().toString(36)}@example.com`
  const login = new LoginPage(page)
  await login.open()
  await page.getByRole('link', { name: 'Create an account' }).click()
  const register = new RegisterPage(page)
  await expect(register.heading()).toBeVisible()
  await expect(page.getByText('Your account starts in no organization')).toBeVisible()

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
  // A stranger's account joins no organization, so it sees nothing of `default`, and starts its own.
  await expect(page.getByText('You are not a member of any organization yet.')).toBeVisible()
  expect((await page.request.get('/api/v1/orgs/default')).status()).toBe(404)
  await page.getByRole('button', { name: 'Create an organization' }).click()
  const dialog = page.getByRole('dialog', { name: 'New organization' })
  await dialog.getByLabel('Name', { exact: true }).fill('Hopper Labs')
  await dialog.getByRole('button', { name: 'Create organization' }).click()
  await expect(page).toHaveURL(/\/orgs\/hopper-labs$/)
  await expect(page.getByRole('heading', { name: 'Hopper Labs' })).toBeVisible()
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
