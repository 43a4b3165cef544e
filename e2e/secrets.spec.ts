import { expect, test } from './fixtures'
import { LoginPage } from './pages/login-page'
import { SecretsPage } from './pages/secrets-page'
import { createOrg, registerWithToken } from './support/accounts'

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA\n-----END PRIVATE KEY-----'

test('a team keeps secrets: create, new version, reveal and copy, history and restore, import, delete', async ({
  page,
  context,
}, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const account = {
    email: `mara-${Date.now().toString(36)}@example.com`,
    password: 'Vault-Keeper-2026!',
    name: 'Mara Secrets',
  }
  const token = await registerWithToken(page.request, account)
  const api = (path: string) => page.request.get(path, { headers: { authorization: `Bearer ${token}` } })
  const org = await createOrg(page.request, token, `Payments ${Date.now().toString(36)}`)

  await new LoginPage(page).open()
  await new LoginPage(page).signIn(account.email, account.password)
  const secrets = new SecretsPage(page)
  await page.getByRole('link', { name: 'Secrets' }).waitFor()
  await secrets.open(org.slug)
  await expect(secrets.heading()).toBeVisible()
  await expect(page.getByText('No secrets yet.')).toBeVisible()

  // A name that breaks the rule is explained, and nothing typed is lost.
  const refused = await secrets.create('1password', PEM)
  await expect(
    refused.getByText('Use capital letters, digits and underscores, not starting with a digit (DATABASE_URL).'),
  ).toBeVisible()
  await expect(refused.getByLabel('Value')).toHaveValue(PEM)
  await refused.getByLabel('Name').fill('signing_key')
  await expect(refused.getByLabel('Name')).toHaveValue('SIGNING_KEY')
  await refused.getByRole('button', { name: 'Save' }).click()
  await expect(refused).toBeHidden()
  await expect(secrets.row('SIGNING_KEY')).toContainText('v1')
  // The multi-line value arrived with its line breaks as typed (LF, not the browser's CRLF).
  expect((await (await api(`/api/v1/orgs/${org.slug}/secrets/SIGNING_KEY`)).json()).value).toBe(PEM)

  const version = await secrets.newVersion('SIGNING_KEY', 'rotated-value', 'rotated after the audit')
  await expect(version).toBeHidden()
  await expect(secrets.row('SIGNING_KEY')).toContainText('v2')
  await expect(secrets.row('SIGNING_KEY')).toContainText(account.email)
  await page.screenshot({ path: testInfo.outputPath('secrets-desktop.png'), fullPage: true })

  await secrets.menu('SIGNING_KEY', 'Reveal or copy…')
  const reveal = page.getByRole('dialog', { name: 'SIGNING_KEY' })
  await expect(reveal.getByLabel('Value of SIGNING_KEY')).toHaveCount(0)
  await reveal.getByRole('button', { name: 'Reveal value' }).click()
  await expect(reveal.getByLabel('Value of SIGNING_KEY')).toHaveText('rotated-value')
  await reveal.getByRole('button', { name: 'Copy value' }).click()
  await expect(reveal.getByRole('button', { name: 'Copied' })).toBeVisible()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('rotated-value')
  await page.keyboard.press('Escape')

  await secrets.menu('SIGNING_KEY', 'History…')
  const history = page.getByRole('dialog', { name: 'History of SIGNING_KEY' })
  const versions = history.getByRole('list', { name: 'Versions of SIGNING_KEY' }).getByRole('listitem')
  await expect(versions).toHaveCount(2)
  await expect(versions.first()).toContainText('rotated after the audit')
  await history.getByRole('button', { name: 'Restore version 1' }).click()
  await expect(history.getByText('Version 1 of SIGNING_KEY is the newest again, as version 3.')).toBeVisible()
  await expect(versions).toHaveCount(3)
  await page.keyboard.press('Escape')
  await expect(secrets.row('SIGNING_KEY')).toContainText('v3')
  expect((await (await api(`/api/v1/orgs/${org.slug}/secrets/SIGNING_KEY`)).json()).value).toBe(PEM)

  await page.getByRole('button', { name: 'Import .env' }).click()
  const importDialog = page.getByRole('dialog', { name: 'Import from a .env file' })
  await importDialog
    .getByLabel('.env contents')
    .fill('# payments\nSTRIPE_KEY=sk_test_123\nSIGNING_KEY="new\\nkey"\nbad-name=1\n')
  await importDialog.getByRole('button', { name: 'Preview' }).click()
  const preview = importDialog.getByRole('list', { name: 'Import preview' })
  await expect(preview).toContainText('STRIPE_KEY')
  await expect(preview).toContainText('Line 4: bad-name: Use capital letters')
  await expect(importDialog.getByRole('button', { name: /^Import \d/ })).toHaveCount(0)
  await importDialog.getByLabel('.env contents').fill('# payments\nSTRIPE_KEY=sk_test_123\nSIGNING_KEY="new\\nkey"\n')
  await importDialog.getByRole('button', { name: 'Preview' }).click()
  await expect(importDialog.getByText('1 to create, 1 to update')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('secrets-import-desktop.png'), fullPage: true })
  await importDialog.getByRole('button', { name: 'Import 2 secrets' }).click()
  await expect(importDialog).toBeHidden()
  await expect(secrets.rows()).toHaveCount(2)
  await expect(secrets.row('SIGNING_KEY')).toContainText('v4')
  expect((await (await api(`/api/v1/orgs/${org.slug}/secrets/SIGNING_KEY`)).json()).value).toBe('new\nkey')

  await secrets.menu('STRIPE_KEY', 'Delete…')
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete secret' }).click()
  await expect(secrets.rows()).toHaveCount(1)
  expect((await api(`/api/v1/orgs/${org.slug}/secrets/STRIPE_KEY`)).status()).toBe(404)

  await page.setViewportSize({ width: 390, height: 844 })
  await page.screenshot({ path: testInfo.outputPath('secrets-phone.png'), fullPage: true })
  // Each reveal and copy was a read in the user's own activity.
  await page.goto('/')
  await expect(page.getByRole('list', { name: 'Recent activity' }).getByText('Secret value read')).not.toHaveCount(0)
})
