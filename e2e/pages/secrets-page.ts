import type { Page } from '@playwright/test'

export class SecretsPage {
  constructor(readonly page: Page) {}

  readonly heading = () => this.page.getByRole('heading', { name: 'Secrets', level: 1 })
  readonly rows = () =>
    this.page
      .getByRole('main')
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell') })
  readonly row = (name: string) => this.rows().filter({ hasText: name })

  async open(orgSlug: string) {
    await this.page.goto(`/orgs/${orgSlug}/secrets`)
  }

  /** Fills the "New secret" dialog and saves; returns the dialog for asserting a refusal. */
  async create(name: string, value: string, note?: string) {
    await this.page.getByRole('button', { name: 'New secret' }).click()
    const dialog = this.page.getByRole('dialog', { name: 'New secret' })
    await dialog.getByLabel('Name').fill(name)
    await dialog.getByLabel('Value').fill(value)
    if (note) await dialog.getByLabel('Note (optional)').fill(note)
    await dialog.getByRole('button', { name: 'Save' }).click()
    return dialog
  }

  /** Opens a row's menu, picks an item in that menu, and waits until the menu has closed. */
  async menu(name: string, item: string) {
    await this.page.getByRole('button', { name: `Actions for ${name}` }).click()
    const menu = this.page.getByRole('menu', { name: `Actions for ${name}` })
    await menu.getByRole('menuitem', { name: item }).click()
    await menu.waitFor({ state: 'hidden' })
  }

  async newVersion(name: string, value: string, note?: string) {
    await this.menu(name, 'New version…')
    const dialog = this.page.getByRole('dialog', { name: `New version of ${name}` })
    await dialog.getByLabel('Value').fill(value)
    if (note) await dialog.getByLabel('Note (optional)').fill(note)
    await dialog.getByRole('button', { name: 'Save' }).click()
    return dialog
  }
}
