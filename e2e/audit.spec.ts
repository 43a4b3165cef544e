import { readFileSync } from 'node:fs'
import type { APIRequestContext } from '@playwright/test'
import { expect, test } from './fixtures'
import { serverInfo } from './support/servers'

// The audit console as an owner and an instance admin use it: filters kept in the address, a row's
// details, exports of exactly the filtered view, and checking the chain against a checkpoint.
test.describe.configure({ mode: 'serial' })

const stamp = Date.now().toString(36)
const owner = { email: `auditor-${stamp}@example.com`, name: 'Audrey Auditor', password: 'Read-The-Trail-42' }

async function tokenFor(request: APIRequestContext, email: string, password: string) {
  const response = await request.post('/api/v1/auth/token', { data: { email, password } })
  expect(response.status()).toBe(200)
  return (await response.json()).access_token as string
}

let orgSlug = ''

test.beforeAll(async ({ request }) => {
  const { admin } = serverInfo('console')
  const adminToken = await tokenFor(request, admin!.email, admin!.password)
  const created = await request.post('/api/v1/admin/users', {
    headers: { authorization: `Bearer ${adminToken}` },
    data: owner,
  })
  expect(created.status()).toBe(201)
  const token = await tokenFor(request, owner.email, owner.password)
  const headers = { authorization: `Bearer ${token}` }
  const org = await (await request.post('/api/v1/orgs', { headers, data: { name: `Audit ${stamp}` } })).json()
  orgSlug = org.slug
  for (const name of ['DATABASE_URL', 'STRIPE_KEY'])
    expect(
      (await request.put(`/api/v1/orgs/${orgSlug}/secrets/${name}`, { headers, data: { value: 'v' } })).status(),
    ).toBe(201)
  expect((await request.get(`/api/v1/orgs/${orgSlug}/secrets/STRIPE_KEY`, { headers })).status()).toBe(200)
})

test('an owner filters the org audit log, opens an event and exports exactly that view', async ({
  page,
  loginPage,
}) => {
  await loginPage.open()
  await loginPage.signIn(owner.email, owner.password)
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible()
  await page.goto(`/orgs/${orgSlug}`)
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Audit log' }).click()
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible()
  await expect(page.getByRole('row')).toHaveCount(1 + 4) // org created, two secrets saved, one read

  await page.getByLabel('Action').selectOption('secret.write')
  await page.getByRole('button', { name: 'Apply filters' }).click()
  await expect(page).toHaveURL(/action=secret\.write/)
  await expect(page.getByRole('row')).toHaveCount(1 + 2)
  await expect(page.getByLabel('Action')).toHaveValue('secret.write')

  await page
    .getByRole('button', { name: /^Details/ })
    .first()
    .click()
  const details = page.getByRole('dialog', { name: 'Secret saved' })
  await expect(details).toContainText('secret STRIPE_KEY')
  await expect(details).toContainText(owner.email)
  await page.keyboard.press('Escape')
  await expect(details).toBeHidden()

  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Export CSV' }).click()
  const csv = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\r\n')
  expect(csv[0]).toBe(
    'id,at,action,outcome,actor_type,actor_id,actor_email,target_type,target_id,org_id,ip,user_agent,meta',
  )
  expect(csv.slice(1).map((line) => line.split(',')[2])).toEqual(['secret.write', 'secret.write'])

  // A filter the log cannot use is said so, and the page still answers.
  await page.goto(`/orgs/${orgSlug}/audit?outcome=maybe`)
  await expect(page.getByText('Those filters could not be used')).toBeVisible()
})

test('an instance admin verifies the chain, against a downloaded checkpoint too', async ({ page, loginPage }) => {
  const { admin } = serverInfo('console')
  await loginPage.open()
  await loginPage.signIn(admin!.email, admin!.password)
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible()
  await page.goto('/admin/audit')
  await page.getByRole('button', { name: 'Verify chain' }).click()
  await expect(page.getByText(/^Checked [\d,]+ events: the chain is unbroken\.$/)).toBeVisible()

  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Download checkpoint' }).click()
  const checkpoint = JSON.parse(readFileSync(await (await download).path(), 'utf8'))
  await page.getByLabel('Checkpoint signature (optional)').fill(checkpoint.signature)
  await page.getByRole('button', { name: 'Verify chain' }).click()
  await expect(page.getByText(/the chain is unbroken/)).toBeVisible()

  await page.getByLabel('Checkpoint signature (optional)').fill(`${checkpoint.signature.slice(0, -4)}AAAA`)
  await page.getByRole('button', { name: 'Verify chain' }).click()
  await expect(page.getByText('That checkpoint was not signed by this instance')).toBeVisible()
})

// Attack: a member without audit:read, or a non-admin, opens the audit pages by their address.
test('the audit pages stay closed to a viewer of the org, and a forged page link is explained', async ({
  page,
  loginPage,
  request,
}) => {
  const viewer = { email: `audit-viewer-${stamp}@example.com`, name: 'Vic Viewer', password: 'Only-Looking-42' }
  const { admin } = serverInfo('console')
  const adminToken = await tokenFor(request, admin!.email, admin!.password)
  const ownerToken = await tokenFor(request, owner.email, owner.password)
  await request.post('/api/v1/admin/users', { headers: { authorization: `Bearer ${adminToken}` }, data: viewer })
  const added = await request.post(`/api/v1/orgs/${orgSlug}/members`, {
    headers: { authorization: `Bearer ${ownerToken}` },
    data: { email: viewer.email, role: 'viewer' },
  })
  expect(added.status()).toBe(201)

  await loginPage.open()
  await loginPage.signIn(viewer.email, viewer.password)
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible()
  const response = await page.goto(`/orgs/${orgSlug}/audit`)
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  // Administration pages send anyone but an instance admin back to the overview, as /admin/users does.
  for (const path of ['/admin/audit', '/admin/security-checklist', '/admin/settings']) {
    await page.goto(path)
    await expect(page, path).toHaveURL(/\/$/)
    await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible()
    await expect(page.getByRole('heading', { name: /Audit log|Security checklist|^Settings$/ })).toHaveCount(0)
  }
  const exported = await page.request.get(`/api/v1/orgs/${orgSlug}/audit?format=csv`)
  expect(exported.status()).toBe(403)

  await page.context().clearCookies()
  await loginPage.open()
  await loginPage.signIn(owner.email, owner.password)
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible()
  await page.goto(`/orgs/${orgSlug}/audit?cursor=${'A'.repeat(40)}`)
  await expect(page.getByText('Those filters could not be used (the page link is not valid)')).toBeVisible()
  await expect(page.getByRole('row').first()).toBeVisible()
})
