import type { Page } from '@playwright/test'

export class SessionsPage {
  constructor(readonly page: Page) {}

  readonly heading = () => this.page.getByRole('heading', { name: 'Sessions' })
  readonly rows = () =>
    this.page
      .getByRole('main')
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell') })
  readonly row = (device: string) => this.rows().filter({ hasText: device })

  /** Through the navigation, which sits behind the menu button at phone width. */
  async open() {
    const menu = this.page.getByRole('button', { name: 'Open navigation' })
    if (await menu.isVisible()) await menu.click()
    await this.page.getByRole('link', { name: 'Sessions' }).click()
  }

  /** Signs out the browser listed as `device` (e.g. "Safari on iOS"), through its row menu and the confirmation. */
  async signOut(device: string) {
    await this.page.getByRole('button', { name: new RegExp(`^Actions for ${device}`) }).click()
    await this.page.getByRole('menuitem', { name: 'Sign out…' }).click()
    await this.page.getByRole('alertdialog').getByRole('button', { name: 'Sign out' }).click()
  }
}
