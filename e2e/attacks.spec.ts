import { request as playwrightRequest } from '@playwright/test'
import { expect, test } from './fixtures'
import { registerWithToken } from './support/accounts'
import { serverInfo } from './support/servers'

// What a scanner or an attacker tries against the production server itself: forged forwarding
// headers, methods nobody serves, an open redirect after sign-in, and server actions called from
// another site or with no Origin at all.

test('a client cannot choose its own address with X-Forwarded-For, X-Real-IP or Forwarded', async ({ request }) => {
  const account = { email: `forger-${Date.now().toString(36)}@example.com`, password: 'Forged-Address-42', name: 'F' }
  const forged = { 'x-forwarded-for': '6.6.6.6, 7.7.7.7', 'x-real-ip': '8.8.8.8', forwarded: 'for=9.9.9.9' }
  await registerWithToken(request, account)
  const token = await request.post('/api/v1/auth/token', {
    headers: forged,
    data: { email: account.email, password: account.password },
  })
  const { access_token } = await token.json()
  const sessions = await request.get('/api/v1/sessions', { headers: { authorization: `Bearer ${access_token}` } })
  const current = (await sessions.json()).items.find((session: { current: boolean }) => session.current)
  expect(current.ip).toBe('127.0.0.1')
})

test('methods nobody serves answer 405, not 500', async ({ request }) => {
  for (const path of ['/', '/login', '/api/health', '/api/v1/me']) {
    for (const method of ['TRACE', 'PROPFIND', 'MKCOL']) {
      const response = await request.fetch(path, { method })
      expect(response.status(), `${method} ${path}`).toBe(405)
      expect(response.headers().allow).toContain('GET')
    }
  }
  const problem = await request.fetch('/api/v1/me', { method: 'TRACE' })
  expect(problem.headers()['content-type']).toBe('application/problem+json')
  expect((await problem.json()).code).toBe('method_not_allowed')
})

test('a signed-in user is never sent to another site after sign-in', async ({ page, loginPage, consolePage }) => {
  const account = { email: `redirect-${Date.now().toString(36)}@example.com`, password: 'Stay-On-Site-42', name: 'R' }
  await registerWithToken(page.request, account)
  await loginPage.open()
  await loginPage.signIn(account.email, account.password)
  await expect(consolePage.welcome()).toBeVisible()
  for (const target of [
    '//evil.example',
    '/.//evil.example',
    '/..//evil.example',
    '/%2e//evil.example',
    '/\\evil.example',
  ]) {
    const response = await page.request.get(`/login?callbackUrl=${encodeURIComponent(target)}`, { maxRedirects: 0 })
    const location = response.headers().location ?? ''
    expect(response.status(), target).toBeGreaterThanOrEqual(300)
    expect(new URL(location, page.url()).host, `${target} → ${location}`).toBe(new URL(page.url()).host)
  }
})

test('a server action called from another site, or with no Origin, is refused with 403', async ({ baseURL }) => {
  const context = await playwrightRequest.newContext({ baseURL })
  const attempt = (headers: Record<string, string>) =>
    context.post('/login', {
      headers: { 'next-action': '7f0000000000000000000000000000000000000000', accept: 'text/x-component', ...headers },
      data: '[]',
    })
  const forgeries: Record<string, string>[] = [
    { origin: 'https://evil.example' },
    { 'sec-fetch-site': 'cross-site' },
    {},
  ]
  for (const headers of forgeries) {
    const response = await attempt(headers)
    expect(response.status(), JSON.stringify(headers)).toBe(403)
    expect(await response.text()).toContain('did not come from Gatehouse')
  }
  await context.dispose()
})

test('an unknown API path answers a problem+json 404 for every method', async ({ request }) => {
  for (const [method, path] of [
    ['GET', '/api/v1/nothing'],
    ['POST', '/api/v1/orgs/x/unknown'],
    ['DELETE', '/api/v1/a/b/c'],
    ['PATCH', '/api/v1/secrets'],
  ]) {
    const response = await request.fetch(path, { method, data: method === 'GET' ? undefined : {} })
    expect(response.status(), `${method} ${path}`).toBe(404)
    expect(response.headers()['content-type']).toBe('application/problem+json')
    expect((await response.json()).code).toBe('not_found')
  }
})

test('a NUL byte in the console search is refused with a message, not a 500', async ({
  page,
  loginPage,
  consolePage,
}) => {
  const { admin } = serverInfo('console')
  await loginPage.open()
  await loginPage.signIn(admin!.email, admin!.password)
  await expect(consolePage.welcome()).toBeVisible()
  const response = await page.goto('/admin/users?q=%00')
  expect(response?.status()).toBe(200)
  await expect(page.getByText('That search could not be used')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible()
})
