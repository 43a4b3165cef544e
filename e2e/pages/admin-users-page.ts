import type { Page } from '@playwright/test'

export class AdminUsersPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/admin/users')
  }

  async create(user: { name: string; email: string; password: string }) {
    await this.page.getByRole('button', { name: 'Create user' }).click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel('Name').fill(user.name)
    await dialog.getByLabel('E-mail').fill(user.email)
    await dialog.getByLabel('Initial password').fill(user.password)
    await dialog.getByRole('button', { name: 'Create user' }).click()
    await this.page.getByRole('row', { name: new RegExp(user.email.replace('.', '\\.')) }).waitFor()
  }
}
