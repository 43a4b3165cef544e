import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { AdminUsersPage } from './pages/admin-users-page'
import { LoginPage } from './pages/login-page'
import { MembersPage } from './pages/members-page'
import { OrgSwitcher } from './pages/org-switcher'
import { serverInfo } from './support/servers'

const VIEWER = { name: 'Vera Viewer', email: 'vera@example.com', password: 'Viewer-Pass-123!' }

// Two teams on one instance, built by the admin through the console, then seen by a viewer.
test.describe.configure({ mode: 'serial' })

async function signIn(page: Page, email: string, password: string) {
  const login = new LoginPage(page)
  await login.open()
  await login.signIn(email, password)
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible()
}

let forgedAction: { id: string; contentType: string; body: string; routerState?: string } | undefined

test('an admin creates a user and two organizations, and adds the user to one as viewer', async ({
  page,
}, testInfo) => {
  const { admin } = serverInfo('console')
  await signIn(page, admin!.email, admin!.password)
  const users = new AdminUsersPage(page)
  await users.open()
  await users.create(VIEWER)

  const switcher = new OrgSwitcher(page)
  await switcher.createOrg('Red Team')
  await expect(page).toHaveURL(/\/orgs\/red-team$/)
  await switcher.createOrg('Blue Team')
  await expect(page).toHaveURL(/\/orgs\/blue-team$/)
  await expect(switcher.button()).toHaveAccessibleName('Organization: Blue Team. Switch organization')
  // The action's redirect is rendered in the same answer: Next fetched it from its own origin, which
  // the server in front of it must name (it once pointed at port 3000 and fell back to a reload).
  expect(readFileSync(serverInfo('console').logPath, 'utf8')).not.toContain('failed to get redirect response')

  // Rename the org, and keep the server action request for the forgery below.
  await page.getByLabel('Name', { exact: true }).fill('Blue Team HQ')
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && Boolean(r.headers()['next-action'])),
    page.getByRole('button', { name: 'Save settings' }).click(),
  ])
  await expect(page.getByText('Settings saved.')).toBeVisible()
  forgedAction = {
    id: request.headers()['next-action'],
    contentType: request.headers()['content-type'],
    body: request.postData()!,
    routerState: request.headers()['next-router-state-tree'],
  }

  const members = new MembersPage(page)
  await members.open('blue-team')
  await members.add(VIEWER.email, 'viewer')
  await expect(members.row(VIEWER.email)).toContainText('viewer')
  await page.screenshot({ path: testInfo.outputPath('members-desktop.png'), fullPage: true })
})

test('the viewer sees a read-only console and nothing of the other team', async ({ page }, testInfo) => {
  await signIn(page, VIEWER.email, VIEWER.password)
  await page.goto('/orgs/blue-team')
  await expect(page.getByRole('heading', { name: 'Blue Team HQ' })).toBeVisible()
  await expect(page.getByLabel('Name', { exact: true })).toBeDisabled()
  await expect(page.getByText('Your role can see these settings but not change them.')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Save settings' })).toHaveCount(0)
  await expect(page.getByRole('heading', { name: 'Delete organization' })).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'Roles' })).toHaveCount(0)

  const members = new MembersPage(page)
  await members.open('blue-team')
  await expect(members.addButton()).toHaveCount(0)
  await expect(page.getByRole('button', { name: `Actions for ${serverInfo('console').admin!.email}` })).toHaveCount(0)
  await expect(page.getByText('Your role can see the members but not change them.')).toBeVisible()
  await page.setViewportSize({ width: 390, height: 844 })
  await page.screenshot({ path: testInfo.outputPath('members-viewer-phone.png'), fullPage: true })

  for (const path of ['/orgs/blue-team/roles', '/orgs/red-team', '/orgs/red-team/members']) {
    await page.goto(path)
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  }
  expect((await page.request.get('/api/v1/orgs/red-team')).status()).toBe(404)
  expect((await page.request.get('/api/v1/orgs/blue-team')).status()).toBe(200)
  const orgs = await (await page.request.get('/api/v1/orgs')).json()
  expect(orgs.items.map((org: { slug: string }) => org.slug).sort()).toEqual(['blue-team', 'default'])
})

test("a forged call of the admin's server action is refused for the viewer", async ({ page, baseURL }) => {
  expect(forgedAction).toBeDefined()
  await signIn(page, VIEWER.email, VIEWER.password)
  const response = await page.request.post('/orgs/blue-team', {
    headers: {
      'next-action': forgedAction!.id,
      'content-type': forgedAction!.contentType,
      origin: baseURL!,
      accept: 'text/x-component',
      ...(forgedAction!.routerState ? { 'next-router-state-tree': forgedAction!.routerState } : {}),
    },
    data: forgedAction!.body.replace('Blue Team HQ', 'Taken Over'),
  })
  expect(await response.text()).toContain('does not include org:write')
  const org = await (await page.request.get('/api/v1/orgs/blue-team')).json()
  expect(org.name).toBe('Blue Team HQ')
})

test('an API key created in the console is shown once, works, and stops at once when revoked', async ({ page }) => {
  const { admin } = serverInfo('console')
  await signIn(page, admin!.email, admin!.password)
  await page.getByRole('link', { name: 'API keys' }).click()
  await page.getByRole('button', { name: 'Create API key' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Name').fill('CI deploys')
  await dialog.getByLabel('Organization').selectOption({ label: 'Blue Team HQ' })
  await dialog.getByLabel('member:read').check()
  await dialog.getByRole('button', { name: 'Create key' }).click()
  await expect(dialog.getByRole('heading', { name: 'Copy your API key' })).toBeVisible()
  const key = (await dialog.locator('code').textContent())?.trim() ?? ''
  expect(key).toMatch(/^gk_[0-9A-Za-z]{49}$/)
  await dialog.getByRole('button', { name: 'Done' }).click()
  await expect(page.getByRole('row', { name: /CI deploys/ })).toContainText(key.slice(0, 11))
  await expect(page.getByText(key)).toHaveCount(0)

  const members = await page.request.get('/api/v1/orgs/blue-team/members', { headers: { 'x-api-key': key } })
  expect(members.status()).toBe(200)
  expect(members.headers()['x-ratelimit-limit']).toBeTruthy()
  expect(
    (await page.request.get('/api/v1/orgs/blue-team', { headers: { authorization: `Bearer ${key}` } })).status(),
  ).toBe(403)

  await page.getByRole('button', { name: 'Actions for the CI deploys key' }).click()
  await page.getByRole('menuitem', { name: 'Revoke…' }).click()
  await page.getByRole('button', { name: 'Revoke key' }).click()
  await expect(page.getByText('No API keys yet.')).toBeVisible()
  expect((await page.request.get('/api/v1/orgs/blue-team/members', { headers: { 'x-api-key': key } })).status()).toBe(
    401,
  )
})
