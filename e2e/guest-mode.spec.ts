import { readFileSync } from 'node:fs'
import { expect, test } from './fixtures'
import { FilesPage } from './pages/files-page'
import { LoginPage } from './pages/login-page'
import { OrgSettingsPage } from './pages/org-settings-page'
import { createOrg, registerWithToken } from './support/accounts'

// The console server runs with ALLOW_GUEST_MODE=true (e2e/global-setup.ts); each org still opts in.
test('an owner opens an org to guests: anyone lists and downloads its files, and sees nothing else', async ({
  page,
  browser,
}, testInfo) => {
  const stamp = Date.now().toString(36)
  const account = { email: `gina-${stamp}@example.com`, password: 'Guest-Files-2026!', name: 'Gina Guests' }
  // The owner works in a browser of their own; `page` stays a visitor without any cookie.
  const ownerContext = await browser.newContext()
  const owner = await ownerContext.newPage()
  const token = await registerWithToken(owner.request, account)
  const org = await createOrg(owner.request, token, `Handbook ${stamp}`)
  const closed = await createOrg(owner.request, token, `Payroll ${stamp}`)
  const orgName = `Handbook ${stamp}`

  await new LoginPage(owner).open()
  await new LoginPage(owner).signIn(account.email, account.password)
  await owner.getByRole('link', { name: 'Files' }).waitFor()
  const settings = new OrgSettingsPage(owner)
  await settings.open(org.slug)
  await expect(settings.guestAccess()).toHaveAttribute('aria-checked', 'false')
  await settings.setGuestAccess(true)
  await expect(owner.getByText('Guest access is on')).toBeVisible()
  // The switch shows what was saved, right away and after a reload.
  await expect(settings.guestAccess()).toHaveAttribute('aria-checked', 'true')
  await owner.reload()
  await expect(settings.guestAccess()).toHaveAttribute('aria-checked', 'true')
  await owner.screenshot({ path: testInfo.outputPath('org-settings-guest-access.png'), fullPage: true })
  const ownerFiles = new FilesPage(owner)
  await ownerFiles.open(org.slug)
  const handbook = Buffer.from('# Handbook\nWelcome aboard.\n')
  await ownerFiles.choose({ name: 'handbook.md', mimeType: 'text/markdown', buffer: handbook })
  await expect(owner.getByText('Uploaded handbook.md.')).toBeVisible()

  const files = new FilesPage(page)
  await files.open(org.slug)
  await expect(files.heading()).toBeVisible()
  await expect(files.guestNotice(orgName)).toBeVisible()
  await expect(files.row('handbook.md')).toBeVisible()
  await expect(files.uploadInput()).toHaveCount(0)
  await expect(page.getByText('Drop a file here')).toHaveCount(0)
  await expect(page.getByRole('button', { name: /Actions for/ })).toHaveCount(0)
  // Who uploaded it is a member's e-mail address: not for guests.
  await expect(page.getByText(account.email)).toHaveCount(0)
  const downloadPromise = page.waitForEvent('download')
  await files.guestDownload('handbook.md').click()
  const download = await downloadPromise
  expect(download.suggestedFilename()).toBe('handbook.md')
  expect(readFileSync(await download.path()).equals(handbook)).toBe(true)
  await page.screenshot({ path: testInfo.outputPath('guest-files-desktop.png'), fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await expect(files.guestDownload('handbook.md')).toBeVisible()
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow, 'the guest files page is wider than a phone').toBeLessThanOrEqual(0)
  await page.screenshot({ path: testInfo.outputPath('guest-files-phone.png'), fullPage: true })
  await page.setViewportSize({ width: 1280, height: 720 })

  // Every other page, and the files of an org that did not opt in, still ask the visitor to sign in.
  await page.goto(`/orgs/${org.slug}/secrets`)
  await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent(`/orgs/${org.slug}/secrets`)}`)
  await page.goto(`/orgs/${org.slug}`)
  await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent(`/orgs/${org.slug}`)}`)
  await page.goto(`/orgs/${closed.slug}/files`)
  await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent(`/orgs/${closed.slug}/files`)}`)
  await expect(new LoginPage(page).heading()).toBeVisible()

  // The owner closes the org again: the same visitor is sent to sign in.
  await settings.open(org.slug)
  await settings.setGuestAccess(false)
  await expect(owner.getByText('Guest access is off.')).toBeVisible()
  await expect(settings.guestAccess()).toHaveAttribute('aria-checked', 'false')
  await files.open(org.slug)
  await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent(`/orgs/${org.slug}/files`)}`)
  await ownerContext.close()
})
