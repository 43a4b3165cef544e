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

  readonly authenticatorApp = () =>
    this.page.locator('[data-slot=card]', { has: this.page.getByRole('heading', { name: 'Authenticator app' }) })

  /** Starts the set-up and reads the key shown beside the QR code, as a user typing it by hand would. */
  async startTotp(): Promise<string> {
    await this.page.getByRole('button', { name: 'Set up an authenticator app' }).click()
    const key = (await this.page.getByLabel('Setup key').textContent()) ?? ''
    return key.replace(/\s+/g, '')
  }

  async confirmTotp(code: string, password: string): Promise<string[]> {
    await this.page.getByLabel('Code from the app').fill(code)
    await this.page.getByLabel('Your current password').fill(password)
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

  readonly passkeys = () =>
    this.page.locator('[data-slot=card]', { has: this.page.getByRole('heading', { name: 'Passkeys' }) })
  readonly passkeyList = () => this.page.getByRole('list', { name: 'Your passkeys' }).getByRole('listitem')

  /** Opens the dialog, names the passkey and confirms with the password; the authenticator answers the prompt. */
  async addPasskey(name: string, password: string) {
    await this.page.getByRole('button', { name: 'Add a passkey' }).click()
    const dialog = this.page.getByRole('dialog', { name: 'Add a passkey' })
    await dialog.getByLabel('Name').fill(name)
    await dialog.getByLabel('Your current password').fill(password)
    await dialog.getByRole('button', { name: 'Continue' }).click()
    return dialog
  }

  async renamePasskey(name: string, newName: string) {
    await this.page.getByRole('button', { name: `Actions for the passkey ${name}` }).click()
    await this.page
      .getByRole('menu', { name: `Actions for the passkey ${name}` })
      .getByRole('menuitem', { name: 'Rename…' })
      .click()
    const dialog = this.page.getByRole('dialog', { name: 'Rename passkey' })
    await dialog.getByLabel('Name').fill(newName)
    await dialog.getByRole('button', { name: 'Rename' }).click()
  }

  async removePasskey(name: string, password: string) {
    await this.page.getByRole('button', { name: `Actions for the passkey ${name}` }).click()
    await this.page
      .getByRole('menu', { name: `Actions for the passkey ${name}` })
      .getByRole('menuitem', { name: 'Remove…' })
      .click()
    const dialog = this.page.getByRole('dialog', { name: `Remove the passkey ${name}?` })
    await dialog.getByLabel('Your current password').fill(password)
    await dialog.getByRole('button', { name: 'Remove passkey' }).click()
  }
}
