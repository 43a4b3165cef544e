import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { request as playwrightRequest } from '@playwright/test'
import { expect, test } from './fixtures'
import { FilesPage } from './pages/files-page'
import { LoginPage } from './pages/login-page'
import { createOrg, registerWithToken } from './support/accounts'
import { serverInfo } from './support/servers'

test('a team keeps files: upload with progress, drop, download, a 15-minute link that never reaches the log, delete', async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const account = {
    email: `ines-${Date.now().toString(36)}@example.com`,
    password: 'Vault-Files-2026!',
    name: 'Ines Files',
  }
  const token = await registerWithToken(page.request, account)
  const org = await createOrg(page.request, token, `Infra ${Date.now().toString(36)}`)

  await new LoginPage(page).open()
  await new LoginPage(page).signIn(account.email, account.password)
  await page.getByRole('link', { name: 'Files' }).waitFor()
  const files = new FilesPage(page)
  await files.open(org.slug)
  await expect(files.heading()).toBeVisible()
  await expect(page.getByText('No files yet.')).toBeVisible()

  const kubeconfig = Buffer.concat([Buffer.from('apiVersion: v1\nkind: Config\n'), randomBytes(3 * 1024 * 1024)])
  await files.choose({ name: 'prod kubeconfig.yaml', mimeType: 'application/yaml', buffer: kubeconfig })
  await expect(page.getByText('Uploaded prod kubeconfig.yaml.')).toBeVisible()
  await expect(files.row('prod kubeconfig.yaml')).toContainText('3.0 MiB')
  await expect(files.row('prod kubeconfig.yaml')).toContainText(
    `sha256 ${createHash('sha256').update(kubeconfig).digest('hex').slice(0, 12)}`,
  )

  await files.drop('notes.txt', 'dropped from the desktop')
  await expect(files.row('notes.txt')).toBeVisible()
  await expect(files.rows()).toHaveCount(2)

  // Over the limit: refused before a byte is sent, with the limit named.
  await files.choose({ name: 'backup.tar', mimeType: 'application/x-tar', buffer: Buffer.alloc(26 * 1024 * 1024) })
  await expect(page.getByText('backup.tar is 26 MiB; files can be at most 25 MiB.')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('files-desktop.png'), fullPage: true })

  const downloadPromise = page.waitForEvent('download')
  await files.menu('prod kubeconfig.yaml', 'Download')
  const download = await downloadPromise
  expect(download.suggestedFilename()).toBe('prod kubeconfig.yaml')
  expect(readFileSync(await download.path()).equals(kubeconfig)).toBe(true)

  await files.menu('notes.txt', 'Copy 15-minute link')
  await expect(page.getByText('Link copied; it works for 15 minutes.')).toBeVisible()
  const link = await page.evaluate(() => navigator.clipboard.readText())
  expect(link).toMatch(new RegExp(`^${baseURL}/api/v1/files/[\\w-]+/stream\\?token=`))
  // Anyone holding the link, without a session: the bytes, as an attachment, never cached.
  const stranger = await playwrightRequest.newContext()
  const viaLink = await stranger.get(link)
  expect(viaLink.status()).toBe(200)
  expect(await viaLink.text()).toBe('dropped from the desktop')
  expect(viaLink.headers()).toMatchObject({
    'content-disposition': expect.stringContaining('attachment'),
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  })
  const ranged = await stranger.get(link, { headers: { range: 'bytes=0-6' } })
  expect(ranged.status()).toBe(206)
  expect(await ranged.text()).toBe('dropped')
  // The server logged the download's URL with the token replaced.
  const log = readFileSync(serverInfo('console').logPath, 'utf8')
  const linkToken = new URL(link).searchParams.get('token')!
  expect(log).not.toContain(linkToken)
  expect(log).toContain('/stream?token=***REDACTED***')

  await files.menu('notes.txt', 'Delete…')
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete file' }).click()
  await expect(files.rows()).toHaveCount(1)
  expect((await stranger.get(link)).status()).toBe(404)
  await stranger.dispose()

  await page.setViewportSize({ width: 390, height: 844 })
  await page.screenshot({ path: testInfo.outputPath('files-phone.png'), fullPage: true })
})
