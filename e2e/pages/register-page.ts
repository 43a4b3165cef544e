import type { Page } from '@playwright/test'

export class RegisterPage {
  constructor(readonly page: Page) {}

  readonly heading = () => this.page.getByRole('heading', { name: 'Create an account' })
  readonly name = () => this.page.getByLabel('Your name')
  readonly email = () => this.page.getByLabel('E-mail')
  readonly password = () => this.page.getByLabel('Password', { exact: true })
  readonly confirm = () => this.page.getByLabel('Confirm password')
  /** One line of the live password rules, e.g. "Do not use a common password". */
  readonly rule = (text: string) =>
    this.page.getByRole('list', { name: 'Password rules' }).getByRole('listitem').filter({ hasText: text })

  async fill(values: { name: string; email: string; password: string; confirm?: string }) {
    await this.name().fill(values.name)
    await this.email().fill(values.email)
    await this.password().fill(values.password)
    await this.confirm().fill(values.confirm ?? values.password)
  }

  async submit() {
    await this.page.getByRole('button', { name: 'Create account' }).click()
  }
}
