import { expect, test } from './fixtures'
import { consoleAdminHeaders, registerWithToken } from './support/accounts'
import { linkIn, waitForMail } from './support/mailbox'

// Mail as people meet it, through a real SMTP server on 127.0.0.1: a forgotten password is reset
// from the link in the mail, which is good once; a new account confirms its address from its link.
// Opening a link does nothing by itself: only the page's button does.

const NEW_PASSWORD = 'Lantern-Harbour-Quilt-58'

test('a forgotten password is reset from the mailed link, once, and the old sign-in is over', async ({
  page,
  loginPage,
  consolePage,
  request,
  browser,
}) => {
  const person = { email: `reset-${Date.now()}@example.test`, name: 'Rita Reset', password: 'Old-Harbour-Pass-31' }
  const created = await request.post('/api/v1/admin/users', {
    headers: await consoleAdminHeaders(request),
    data: person,
  })
  expect(created.status()).toBe(201)
  // A sign-in elsewhere that the reset must end.
  const elsewhere = await browser.newContext()
  const otherPage = await elsewhere.newPage()
  await otherPage.goto('/login')
  await otherPage.getByLabel('E-mail').fill(person.email)
  await otherPage.getByLabel('Password').fill(person.password)
  await otherPage.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(otherPage.getByRole('heading', { name: /^Welcome, / })).toBeVisible()

  await loginPage.open()
  await page.getByRole('link', { name: 'Forgot password?' }).click()
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible()
  await page.getByLabel('E-mail').fill(person.email)
  await page.getByRole('button', { name: 'Send me a link' }).click()
  await expect(page.getByText(`If an account has the address ${person.email}`)).toBeVisible()

  const mail = await waitForMail(person.email, 'Reset your Gatehouse password')
  const link = linkIn(mail, '/reset-password')
  // The mail's HTML, as a mail client shows it: one button with the link.
  const mailView = await browser.newPage()
  await mailView.setContent(mail.html)
  await expect(mailView.getByRole('link', { name: 'Choose a new password' })).toHaveAttribute('href', link)
  await mailView.close()

  await page.goto(link)
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible()
  // The token leaves the address bar once the page has read it.
  await expect(page).toHaveURL(/\/reset-password$/)
  await page.getByLabel('New password', { exact: true }).fill('short')
  await page.getByLabel('Confirm new password').fill('short')
  await page.getByRole('button', { name: 'Set new password' }).click()
  await expect(page.getByText('Use at least 12 characters.').first()).toBeVisible()
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD)
  await page.getByLabel('Confirm new password').fill(NEW_PASSWORD)
  await page.getByRole('button', { name: 'Set new password' }).click()
  await expect(page.getByText('Your password is changed')).toBeVisible()

  // The other browser is signed out; the old password is gone.
  await otherPage.reload()
  await expect(otherPage).toHaveURL(/\/login/)
  await elsewhere.close()
  await page.getByRole('link', { name: 'Sign in' }).click()
  await loginPage.signIn(person.email, person.password)
  await expect(loginPage.error()).toContainText('incorrect')
  await loginPage.signIn(person.email, NEW_PASSWORD)
  await expect(consolePage.welcome()).toBeVisible()

  // The same link again is refused, with a way on.
  await page.goto(link)
  await page.getByLabel('New password', { exact: true }).fill('Second-Harbour-Pass-77')
  await page.getByLabel('Confirm new password').fill('Second-Harbour-Pass-77')
  await page.getByRole('button', { name: 'Set new password' }).click()
  await expect(page.getByText('This link is not valid')).toBeVisible()
  await expect(page.getByRole('link', { name: 'Ask for a new link' })).toBeVisible()
})

test('a new account confirms its address from the mailed link, and Security says so', async ({
  page,
  loginPage,
  consolePage,
  request,
}) => {
  const person = { email: `verify-${Date.now()}@example.test`, name: 'Vera Verify', password: 'Quiet-Meadow-Pass-64' }
  await registerWithToken(request, person)
  await loginPage.open()
  await loginPage.signIn(person.email, person.password)
  await expect(consolePage.welcome()).toBeVisible()
  await page.goto('/security')
  const emailCard = page.locator('[data-slot="card"]', { has: page.getByRole('heading', { name: 'E-mail address' }) })
  await expect(emailCard.getByText('Not verified')).toBeVisible()

  const mail = await waitForMail(person.email, 'Confirm your e-mail address for Gatehouse')
  await page.goto(linkIn(mail, '/verify-email'))
  await expect(page).toHaveURL(/\/verify-email$/)
  await page.getByRole('button', { name: 'Confirm my address' }).click()
  await expect(page.getByText('Your e-mail address is confirmed.')).toBeVisible()
  await page.goto('/security')
  await expect(emailCard.getByText('Verified', { exact: true })).toBeVisible()
  await expect(emailCard.getByRole('button', { name: 'Resend the link' })).toHaveCount(0)
})
