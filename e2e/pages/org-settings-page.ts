import type { Page } from '@playwright/test'

export class OrgSettingsPage {
  constructor(readonly page: Page) {}

  readonly guestAccess = () =>
    this.page.getByRole('switch', { name: 'Guest access (anonymous visitors can read files)' })

  async open(orgSlug: string) {
    await this.page.goto(`/orgs/${orgSlug}`)
  }

  /** Flips the owners' guest access switch to `on` and saves it. */
  async setGuestAccess(on: boolean) {
    const toggle = this.guestAccess()
    if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click()
    await this.page.getByRole('button', { name: 'Save guest access' }).click()
  }
}
