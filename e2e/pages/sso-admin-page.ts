import type { Page } from '@playwright/test'

/** Administration › Single sign-on: the providers, and the dialog that adds one. */
export class SsoAdminPage {
  constructor(readonly page: Page) {}

  readonly heading = () => this.page.getByRole('heading', { name: 'Single sign-on', level: 1 })
  readonly row = (name: string) => this.page.getByRole('row', { name: new RegExp(name) })

  async open() {
    await this.page.goto('/admin/sso')
  }

  async addProvider(provider: {
    slug: string
    name: string
    issuer: string
    clientId: string
    clientSecret: string
    allowedDomains: string
    org: string
    role: string
  }) {
    await this.page.getByRole('button', { name: 'Add provider' }).click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel('Slug').fill(provider.slug)
    await dialog.getByLabel('Display name').fill(provider.name)
    await dialog.getByLabel('Issuer URL').fill(provider.issuer)
    await dialog.getByLabel('Client ID').fill(provider.clientId)
    await dialog.getByLabel('Client secret').fill(provider.clientSecret)
    await dialog.getByLabel('Allowed e-mail domains').fill(provider.allowedDomains)
    await dialog.getByLabel('Organization for new accounts').selectOption({ label: provider.org })
    await dialog.getByLabel('Their role there').selectOption(provider.role)
    return dialog
  }
}
