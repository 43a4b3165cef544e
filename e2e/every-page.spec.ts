import type { APIRequestContext, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { serverInfo } from './support/servers'

// Every page the navigation offers, for every kind of user, so that no page can break unseen (one
// on main answered 500 for weeks). A page fails on a 4xx/5xx answer, a console error (the fixture)
// or a missing heading.
test.describe.configure({ mode: 'serial', timeout: 180_000 })

const stamp = Date.now().toString(36)
const password = 'Every-Page-Visit-42'
const people = ['owner', 'admin', 'member', 'viewer'].map((role) => ({
  role,
  email: `${role}-${stamp}@example.com`,
  name: `Page ${role}`,
}))
let orgSlug = ''

async function api(request: APIRequestContext, token: string, method: string, path: string, data?: unknown) {
  const response = await request.fetch(path, { method, headers: { authorization: `Bearer ${token}` }, data })
  expect(response.status(), `${method} ${path}`).toBeLessThan(300)
  return response.json()
}

async function tokenFor(request: APIRequestContext, email: string, secret: string) {
  const response = await request.post('/api/v1/auth/token', { data: { email, password: secret } })
  expect(response.status()).toBe(200)
  return (await response.json()).access_token as string
}

test.beforeAll(async ({ request }) => {
  const { admin } = serverInfo('console')
  const adminToken = await tokenFor(request, admin!.email, admin!.password)
  for (const person of people)
    await api(request, adminToken, 'POST', '/api/v1/admin/users', { email: person.email, name: person.name, password })
  const ownerToken = await tokenFor(request, people[0].email, password)
  const org = await api(request, ownerToken, 'POST', '/api/v1/orgs', { name: `Every Page ${stamp}` })
  orgSlug = org.slug
  for (const person of people.slice(1))
    await api(request, ownerToken, 'POST', `/api/v1/orgs/${org.slug}/members`, {
      email: person.email,
      role: person.role,
    })
  await api(request, ownerToken, 'PUT', `/api/v1/me/primary-org`, { org_id: org.id })
  await api(request, ownerToken, 'PUT', `/api/v1/orgs/${org.slug}/secrets/PAGE_SECRET`, { value: 'shown to some' })
  await request.post(`/api/v1/orgs/${org.slug}/files`, {
    headers: { authorization: `Bearer ${ownerToken}` },
    multipart: { file: { name: 'page.txt', mimeType: 'text/plain', buffer: Buffer.from('a file') } },
  })
})

/** The links of the sidebar, after the org's pages are offered (the nav follows the org in the address). */
async function navigationLinks(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Console' }).first()
  const hrefs = await nav.locator('a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href')))
  return hrefs.filter((href): href is string => Boolean(href))
}

/** Visits every link of the sidebar; `phone`: at phone width, once the desktop sidebar was read. */
async function visitAll(page: Page, who: string, { phone = false } = {}) {
  await page.goto(`/orgs/${orgSlug}`)
  const links = new Set([...(await navigationLinks(page)), '/'])
  if (phone) await page.setViewportSize({ width: 390, height: 844 })
  for (const href of links) {
    const response = await page.goto(href)
    expect(response?.status(), `${who} → ${href}`).toBeLessThan(400)
    await expect(page.getByRole('heading', { level: 1 }), `${who} → ${href}`).toBeVisible()
    // Nothing pushes a page wider than the screen (the viewer and the instance admin walk at phone width).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow, `${who} → ${href} is wider than the screen`).toBeLessThanOrEqual(0)
  }
  return [...links]
}

async function signIn(page: Page, email: string, secret: string) {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill(secret)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible()
}

for (const person of people) {
  test(`the ${person.role} opens every page the navigation offers`, async ({ page }) => {
    await signIn(page, person.email, password)
    const visited = await visitAll(page, person.role, { phone: person.role === 'viewer' })
    expect(visited).toContain('/api-reference')
    expect(visited).toContain(`/orgs/${orgSlug}`)
    if (person.role === 'viewer') expect(visited).not.toContain(`/orgs/${orgSlug}/secrets`)
    else expect(visited).toContain(`/orgs/${orgSlug}/secrets`)
    // audit:read is an owner's and an admin's, not a member's or a viewer's.
    if (['owner', 'admin'].includes(person.role)) expect(visited).toContain(`/orgs/${orgSlug}/audit`)
    else expect(visited).not.toContain(`/orgs/${orgSlug}/audit`)
  })
}

test('the instance admin opens every page the navigation offers, administration included', async ({ page }) => {
  const { admin } = serverInfo('console')
  await signIn(page, admin!.email, admin!.password)
  const visited = await visitAll(page, 'instance admin', { phone: true })
  expect(visited).toContain('/admin/users')
  expect(visited).toContain('/admin/audit')
  expect(visited).toContain('/admin/settings')
})
