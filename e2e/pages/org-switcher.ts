import type { Page } from '@playwright/test'

export class OrgSwitcher {
  constructor(readonly page: Page) {}

  readonly button = () => this.page.getByRole('button', { name: /^Organization: / })

  async createOrg(name: string) {
    await this.button().click()
    await this.page.getByRole('menuitem', { name: 'New organization' }).click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel('Name', { exact: true }).fill(name)
    await dialog.getByRole('button', { name: 'Create organization' }).click()
  }
}
