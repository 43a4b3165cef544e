import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { expect, test } from './fixtures'
import { LoginPage } from './pages/login-page'
import { consoleAdminHeaders } from './support/accounts'

// The "Notifications on this device" switch in Chromium. Chromium subscribes through its vendor's
// push service (FCM), which this machine cannot reach, so the flow is followed as far as a browser
// can go offline: the service worker registers under the page's CSP, permission is asked, the
// subscription request is made, and its failure is told in words with the switch left off. What
// the server does with a subscription is tested against a local push service in lib/notify.
// A persistent profile, because Chromium turns the Push API off in incognito-like contexts.

test('the notifications switch registers the service worker, asks the push service, and says why it stays off', async ({
  request,
  baseURL,
  launchOptions,
}) => {
  const person = { email: `push-${Date.now()}@example.test`, name: 'Pia Push', password: 'Bright-Signal-Pass-23' }
  expect(
    (await request.post('/api/v1/admin/users', { headers: await consoleAdminHeaders(request), data: person })).status(),
  ).toBe(201)
  const profile = mkdtempSync(join(tmpdir(), 'gatehouse-push-'))
  const context = await chromium.launchPersistentContext(profile, { ...launchOptions, baseURL })
  const errors: string[] = []
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('pageerror', (error) => errors.push(error.message))
  await context.grantPermissions(['notifications'])
  const loginPage = new LoginPage(page)
  await loginPage.open()
  await loginPage.signIn(person.email, person.password)
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible()
  await page.goto('/security')
  const toggle = page.getByRole('switch', { name: 'Notifications on this device' })
  await expect(toggle).toBeEnabled()
  await expect(toggle).not.toBeChecked()
  await toggle.click()
  const outcome = page.getByRole('alert').filter({ hasText: /push service|Notifications are on/ })
  await expect(outcome).toBeVisible({ timeout: 25_000 })
  // The worker is in place, at the root scope, whatever the push service said.
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration('/'))?.scope)).toBe(
    new URL('/', page.url()).href,
  )
  if ((await outcome.textContent())?.includes('could not reach')) await expect(toggle).not.toBeChecked()
  else await expect(page.getByRole('button', { name: 'Send a test notification' })).toBeVisible()
  expect(errors).toEqual([])
  await context.close()
  rmSync(profile, { recursive: true, force: true })
})
