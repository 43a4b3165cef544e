import type { Page } from '@playwright/test'

export class SecurityPage {
  constructor(readonly page: Page) {}

  readonly heading = () => this.page.getByRole('heading', { name: 'Security', level: 1 })

  /** Through the navigation, which sits behind the menu button at phone width. */
  async open() {
    const menu = this.page.getByRole('button', { name: 'Open navigation' })
    if (await menu.isVisible()) await menu.click()
    await this.page.getByRole('link', { name: 'Security' }).click()
  }

  async changePassword(current: string, next: string, confirm = next) {
    await this.page.getByLabel('Current password').fill(current)
    await this.page.getByLabel('New password', { exact: true }).fill(next)
    await this.page.getByLabel('Confirm new password').fill(confirm)
    await this.page.getByRole('button', { name: 'Change password' }).click()
  }
}
