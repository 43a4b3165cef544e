import type { Page } from '@playwright/test'

export class SetupPage {
  constructor(readonly page: Page) {}

  readonly heading = () => this.page.getByRole('heading', { name: 'Set up Gatehouse' })
  readonly token = () => this.page.getByLabel('Setup token')
  readonly error = () => this.page.locator('form').getByRole('alert')

  async openWithToken(token: string) {
    await this.page.goto(`/setup#token=${token}`)
  }

  async fill(values: { name: string; email: string; password: string; confirm?: string }) {
    await this.page.getByLabel('Your name').fill(values.name)
    await this.page.getByLabel('E-mail').fill(values.email)
    await this.page.getByLabel('Password', { exact: true }).fill(values.password)
    await this.page.getByLabel('Confirm password').fill(values.confirm ?? values.password)
  }

  async submit() {
    await this.page.getByRole('button', { name: 'Create admin account' }).click()
  }
}
