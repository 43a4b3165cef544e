import type { Page } from '@playwright/test'

export class MembersPage {
  constructor(readonly page: Page) {}

  readonly row = (email: string) => this.page.getByRole('row', { name: new RegExp(email.replace('.', '\\.')) })
  readonly addButton = () => this.page.getByRole('button', { name: 'Add member' })

  async open(orgSlug: string) {
    await this.page.goto(`/orgs/${orgSlug}/members`)
  }

  async add(email: string, role: string) {
    await this.addButton().click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel('E-mail').fill(email)
    await dialog.getByLabel('Role').selectOption(role)
    await dialog.getByRole('button', { name: 'Add member' }).click()
    await this.row(email).waitFor()
  }
}
