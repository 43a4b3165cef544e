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

  readonly twoFactor = () => this.page.locator('[data-slot=card]', { has: this.page.getByRole('heading', { name: 'Two-factor sign-in' }) })

  /** Starts the set-up and reads the key shown beside the QR code, as a user typing it by hand would. */
  async startTotp(): Promise<string> {
    await this.page.getByRole('button', { name: 'Set up an authenticator app' }).click()
    const key = await this.page.getByLabel('Setup key').innerText()
    return key.replace(/\s+/g, '')
  }

  async confirmTotp(code: string): Promise<string[]> {
    await this.page.getByLabel('Code from the app').fill(code)
    await this.page.getByRole('button', { name: 'Turn on two-factor' }).click()
    const codes = this.page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')
    await codes.last().waitFor()
    return (await codes.allInnerTexts()).map((code) => code.trim())
  }

  async changePassword(current: string, next: string, confirm = next) {
    await this.page.getByLabel('Current password').fill(current)
    await this.page.getByLabel('New password', { exact: true }).fill(next)
    await this.page.getByLabel('Confirm new password').fill(confirm)
    await this.page.getByRole('button', { name: 'Change password' }).click()
  }
}
