import { expect, test } from './fixtures'
import { setupTokenFromLog } from './support/server'
import { serverInfo } from './support/servers'

const ADMIN = { name: 'Grace Hopper', email: 'grace@example.com', password: 'Compile-Time-1952' }

// One fresh instance, claimed once: the steps build on each other.
test.describe.configure({ mode: 'serial' })

test('every page leads to /setup while no user exists', async ({ page, setupPage }) => {
  for (const path of ['/', '/login', '/anything/else']) {
    await page.goto(path)
    await expect(page).toHaveURL(/\/setup$/)
    await expect(setupPage.heading()).toBeVisible()
  }
  const status = await page.request.get('/api/v1/setup/status')
  expect(await status.json()).toEqual({ needs_setup: true })
})

test('a wrong setup token is refused and nothing typed is lost', async ({ setupPage }) => {
  await setupPage.openWithToken('not-the-token')
  await setupPage.fill(ADMIN)
  await setupPage.submit()
  await expect(setupPage.error()).toContainText('The setup token is not valid')
  await expect(setupPage.page.getByLabel('E-mail')).toHaveValue(ADMIN.email)
  await expect(setupPage.page.getByLabel('Your name')).toHaveValue(ADMIN.name)
})

test('setup with the token from the server log signs the admin in', async ({
  page,
  setupPage,
  consolePage,
}, testInfo) => {
  const token = setupTokenFromLog(serverInfo('pglite').logPath)
  await setupPage.openWithToken(token)
  await expect(setupPage.token()).toHaveValue(token)
  await expect(page).toHaveURL(/\/setup$/) // the token left the address bar
  await setupPage.fill(ADMIN)
  await page.screenshot({ path: testInfo.outputPath('setup-desktop.png'), fullPage: true })
  await setupPage.submit()
  await expect(consolePage.welcome()).toHaveText(`Welcome, ${ADMIN.name}`)
  await expect(consolePage.organizations()).toContainText('default')
  await expect(consolePage.organizations()).toContainText('owner')
  await page.screenshot({ path: testInfo.outputPath('dashboard-desktop.png'), fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await page.screenshot({ path: testInfo.outputPath('dashboard-phone.png'), fullPage: true })
})

test('sign out ends the session and the console is closed again', async ({ page, loginPage, consolePage }) => {
  await page.goto('/login')
  await loginPage.signIn(ADMIN.email, ADMIN.password)
  await expect(consolePage.welcome()).toBeVisible()
  await consolePage.signOut()
  await expect(loginPage.heading()).toBeVisible()
  await page.goto('/')
  await expect(page).toHaveURL(/\/login$/)
})

test('a wrong password shows a message and keeps the e-mail', async ({ page, loginPage }, testInfo) => {
  await loginPage.open()
  await loginPage.signIn(ADMIN.email, 'Not-The-Password-1')
  await expect(loginPage.error()).toHaveText('The e-mail address or password is incorrect.')
  await expect(loginPage.email()).toHaveValue(ADMIN.email)
  await expect(page).toHaveURL(/\/login$/)
  await page.screenshot({ path: testInfo.outputPath('login-error-desktop.png'), fullPage: true })
})

test('sign in with the keyboard alone lands on the page asked for', async ({ page, loginPage, consolePage }) => {
  await page.goto('/?from=bookmark')
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2F%3Ffrom%3Dbookmark$/)
  await loginPage.signInWithKeyboard(ADMIN.email, ADMIN.password)
  await expect(consolePage.welcome()).toBeVisible()
  await expect(page).toHaveURL(/\/\?from=bookmark$/)
  await page.goto('/login')
  await expect(consolePage.welcome()).toBeVisible() // signed in: /login goes back to the console
})

test('pages read well at phone width', async ({ browser }, testInfo) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    baseURL: testInfo.project.use.baseURL,
  })
  const page = await context.newPage()
  await page.goto('/login')
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
  expect(overflow).toBe(0)
  await page.screenshot({ path: testInfo.outputPath('login-phone.png'), fullPage: true })
  await context.close()
})
