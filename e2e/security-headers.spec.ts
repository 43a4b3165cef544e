import { expect, test } from './fixtures'

const COMMON = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
}

test('pages carry a nonce-based strict CSP and the other security headers', async ({ page }) => {
  const first = await page.request.get('/login')
  const second = await page.request.get('/login')
  const csp = first.headers()['content-security-policy']
  expect(first.headers()).toMatchObject(COMMON)
  expect(first.headers()['permissions-policy']).toContain('camera=()')
  expect(csp).toMatch(/script-src 'self' 'nonce-[\w-]+' 'strict-dynamic'/)
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"])
    expect(csp).toContain(directive)
  expect(csp).not.toContain('unsafe-eval')
  const nonce = /'nonce-([\w-]+)'/.exec(csp)![1]
  expect(second.headers()['content-security-policy']).not.toContain(nonce)
  const html = await first.text()
  expect(html).toContain(`nonce="${nonce}"`)
  expect(first.headers()['strict-transport-security']).toBeUndefined()
})

test('API answers and static assets carry the headers too', async ({ page }) => {
  for (const path of ['/api/health', '/api/v1/setup/status', '/.well-known/jwks.json', '/api/v1/me']) {
    const response = await page.request.get(path)
    expect(response.headers(), path).toMatchObject(COMMON)
    expect(response.headers()['content-security-policy'], path).toContain("default-src 'none'")
  }
  const html = await (await page.request.get('/login')).text()
  const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1]
  const asset = await page.request.get(script)
  expect(asset.status()).toBe(200)
  expect(asset.headers()).toMatchObject(COMMON)
})

test('the browser reports no CSP violation while the app runs', async ({ page }) => {
  const violations: string[] = []
  await page.exposeFunction('reportViolation', (directive: string) => violations.push(directive))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportViolation(d: string): void }).reportViolation(event.violatedDirective),
    )
  })
  await page.goto('/login') // or /setup, while the instance is unclaimed: both post a form
  await page.getByLabel('E-mail').fill('someone@example.com')
  await page.getByLabel('Password', { exact: true }).fill('whatever-it-is')
  await page.getByRole('button', { name: /^(Sign in|Create admin account)$/ }).click()
  await expect(page.locator('form').getByRole('alert')).toBeVisible()
  expect(violations).toEqual([])
})
