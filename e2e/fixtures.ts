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
      const errors: { text: string; url: string }[] = []
      // A page the test opened that answers 404 is the app's answer, not a broken asset.
      const notFoundDocuments = new Set<string>()
      page.on('response', (response) => {
        if (response.status() === 404 && response.request().isNavigationRequest()) notFoundDocuments.add(response.url())
      })
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push({ text: message.text(), url: message.location().url || page.url() })
      })
      page.on('pageerror', (error) => errors.push({ text: error.message, url: page.url() }))
      await use(errors.map((error) => error.text))
      const unexpected = errors.filter(
        (error) => !(error.text.includes('status of 404') && notFoundDocuments.has(error.url)),
      )
      expect(
        unexpected.map((error) => `${error.text} (at ${error.url})`),
        'browser console errors (CSP violations included)',
      ).toEqual([])
    },
    { auto: true },
  ],
  setupPage: async ({ page }, use) => use(new SetupPage(page)),
  loginPage: async ({ page }, use) => use(new LoginPage(page)),
  consolePage: async ({ page }, use) => use(new ConsolePage(page)),
})

export { expect }
