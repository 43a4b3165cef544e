import type { Page } from '@playwright/test'

export class TwoFactorPage {
  constructor(readonly page: Page) {}

  readonly heading = () => this.page.getByRole('heading', { name: 'Two-factor sign-in' })

  async enterCode(code: string) {
    await this.page.getByLabel('Authentication code').fill(code)
    await this.page.getByRole('button', { name: 'Verify' }).click()
  }

  async enterRecoveryCode(code: string) {
    await this.page.getByRole('button', { name: 'Use a recovery code instead' }).click()
    await this.page.getByLabel('Recovery code').fill(code)
    await this.page.getByRole('button', { name: 'Verify' }).click()
  }
}
