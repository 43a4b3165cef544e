import type { Page } from '@playwright/test'

export class FilesPage {
  constructor(readonly page: Page) {}

  readonly heading = () => this.page.getByRole('heading', { name: 'Files', level: 1 })
  readonly rows = () =>
    this.page
      .getByRole('main')
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell') })
  readonly row = (name: string) => this.rows().filter({ hasText: name })

  /** A guest's note, and a guest's per-row download link (no menu). */
  readonly guestNotice = (orgName: string) => this.page.getByText(`You are viewing ${orgName} as a guest`)
  readonly guestDownload = (name: string) => this.page.getByRole('link', { name: `Download ${name}` })
  readonly uploadInput = () => this.page.getByLabel('File to upload')

  async open(orgSlug: string) {
    await this.page.goto(`/orgs/${orgSlug}/files`)
  }

  /** Through the hidden file input behind "choose one", as the file chooser would. */
  async choose(file: { name: string; mimeType: string; buffer: Buffer }) {
    await this.page.getByLabel('File to upload').setInputFiles(file)
  }

  /** Drops a file on the zone, as dragging it from the desktop would. */
  async drop(name: string, content: string) {
    await this.page.getByText('Drop a file here').evaluate(
      (zone, file) => {
        const transfer = new DataTransfer()
        transfer.items.add(new File([file.content], file.name, { type: 'text/plain' }))
        zone.parentElement!.dispatchEvent(
          new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
        )
      },
      { name, content },
    )
  }

  /** Opens a row's menu, picks an item in that menu, and waits until the menu has closed. */
  async menu(name: string, item: string) {
    await this.page.getByRole('button', { name: `Actions for ${name}` }).click()
    const menu = this.page.getByRole('menu', { name: `Actions for ${name}` })
    await menu.getByRole('menuitem', { name: item }).click()
    await menu.waitFor({ state: 'hidden' })
  }
}
