import type { Page } from '@playwright/test'

export class ConsolePage {
  constructor(readonly page: Page) {}

  readonly welcome = () => this.page.getByRole('heading', { name: /^Welcome, / })
  readonly organizations = () => this.page.locator('[data-slot=card]', { hasText: 'Organizations' })

  async signOut() {
    await this.page.getByRole('button', { name: /^Account menu for / }).click()
    await this.page.getByRole('menuitem', { name: 'Sign out' }).click()
  }
}
