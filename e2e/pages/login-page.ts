import type { Page } from '@playwright/test'

export class LoginPage {
  constructor(readonly page: Page) {}

  readonly heading = () => this.page.getByRole('heading', { name: 'Sign in' })
  readonly email = () => this.page.getByLabel('E-mail')
  readonly password = () => this.page.getByLabel('Password')
  readonly error = () => this.page.locator('form').getByRole('alert')
  /** The password form's button, not "Sign in with a passkey". */
  readonly submit = () => this.page.getByRole('button', { name: 'Sign in', exact: true })

  async open() {
    await this.page.goto('/login')
  }

  async signIn(email: string, password: string) {
    await this.email().fill(email)
    await this.password().fill(password)
    await this.submit().click()
  }

  /** The browser's passkey prompt is answered by the test's virtual authenticator. */
  async signInWithPasskey() {
    await this.page.getByRole('button', { name: 'Sign in with a passkey' }).click()
  }

  /** The same sign-in with the keyboard only: the e-mail field has focus on arrival. */
  async signInWithKeyboard(email: string, password: string) {
    await this.page.keyboard.type(email)
    await this.page.keyboard.press('Tab')
    await this.page.keyboard.type(password)
    await this.page.keyboard.press('Enter')
  }
}
