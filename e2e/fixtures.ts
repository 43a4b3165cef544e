import { test as base, expect } from '@playwright/test'
import { ConsolePage } from './pages/console-page'
import { LoginPage } from './pages/login-page'
import { SetupPage } from './pages/setup-page'

interface Fixtures {
  setupPage: SetupPage
  loginPage: LoginPage
  consolePage: ConsolePage
  browserErrors: string[]
}

/**
 * Every test fails on a CSP violation, a console error or an uncaught page error: the app must
 * work under its own Content-Security-Policy.
 */
export const test = base.extend<Fixtures>({
  browserErrors: [
    async ({ page }, use) => {
      const errors: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`${message.text()} (at ${message.location().url || page.url()})`)
      })
      page.on('pageerror', (error) => errors.push(error.message))
      await use(errors)
      expect(errors, 'browser console errors (CSP violations included)').toEqual([])
    },
    { auto: true },
  ],
  setupPage: async ({ page }, use) => use(new SetupPage(page)),
  loginPage: async ({ page }, use) => use(new LoginPage(page)),
  consolePage: async ({ page }, use) => use(new ConsolePage(page)),
})

export { expect }
