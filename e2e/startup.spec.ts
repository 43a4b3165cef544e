import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { get as httpGet } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { spawnServer, startServer } from './support/server'

// Start-up checks against the production build: a bad configuration or key stops the server
// with one line, before it answers anything.
test.describe.configure({ mode: 'serial', timeout: 120_000 })

/** A GET that names another host (fetch always sends the URL's own). */
function answerForHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { headers: { host } }, (response) => {
      let body = ''
      response.on('data', (chunk) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
    request.on('error', reject)
  })
}

async function failedStart(name: string, env: Record<string, string>) {
  const server = spawnServer({ name, port: 3190, env })
  const code = await server.exited
  return { code, lines: server.stderr().trim().split('\n') }
}

for (const [variable, env, expected] of [
  [
    'JWT_SECRET',
    { JWT_ALGORITHM: 'HS256', JWT_SECRET: 'only-twenty-characters' },
    'Invalid configuration: JWT_SECRET: must be at least 32 characters',
  ],
  [
    'AUTH_ENABLED',
    { AUTH_ENABLED: 'false', BIND_HOST: '0.0.0.0' },
    'Invalid configuration: AUTH_ENABLED: false is allowed only when BIND_HOST is a loopback address',
  ],
  [
    'DATABASE_URL',
    { DATABASE_URL: 'mysql://localhost/gatehouse' },
    'Invalid configuration: DATABASE_URL: expected a URL such as postgres://',
  ],
] as const) {
  test(`an invalid ${variable} stops the server with one line naming it`, async () => {
    const { code, lines } = await failedStart(`invalid-${variable}`, env)
    expect(code).toBe(1)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(expected)
  })
}

test('a generated master key is 0600, and a wrong one stops the server without touching the data', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-key-'))
  const first = await startServer({ name: 'key-first', port: 3191, env: { DATA_DIR: dataDir } })
  await first.stop()
  const keyFile = join(dataDir, 'master.key')
  expect(statSync(keyFile).mode & 0o777).toBe(0o600)
  expect(readFileSync(first.logPath, 'utf8')).toContain('Generated a master key')
  const keyBefore = readFileSync(keyFile, 'utf8')

  const { code, lines } = await failedStart('key-wrong', {
    DATA_DIR: dataDir,
    GATEHOUSE_MASTER_KEY: randomBytes(32).toString('base64'),
  })
  expect(code).toBe(1)
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(
    /^Gatehouse could not start: the master key \(id \w+\) is not the one this database was set up with/,
  )

  expect(readFileSync(keyFile, 'utf8')).toBe(keyBefore)
  const again = await startServer({ name: 'key-again', port: 3192, env: { DATA_DIR: dataDir } })
  expect((await fetch(`${again.url}/api/v1/setup/status`).then((r) => r.json())).needs_setup).toBe(true)
  await again.stop()
})

test('behind TRUST_PROXY the client is the address the proxy appended, not what the client claimed', async () => {
  const server = await startServer({
    name: 'trusted-proxy',
    port: 3193,
    env: {
      TRUST_PROXY: 'true',
      GATEHOUSE_ADMIN_EMAIL: 'proxy@example.com',
      GATEHOUSE_ADMIN_PASSWORD: 'Forwarded-Hop-42',
    },
  })
  try {
    // As a proxy on 127.0.0.1 would forward a client at 203.0.113.9 that itself claimed 6.6.6.6.
    const forwarded = { 'x-forwarded-for': '6.6.6.6, 203.0.113.9', 'content-type': 'application/json' }
    const token = await fetch(`${server.url}/api/v1/auth/token`, {
      method: 'POST',
      headers: forwarded,
      body: JSON.stringify({ email: 'proxy@example.com', password: 'Forwarded-Hop-42' }),
    }).then((response) => response.json())
    const sessions = await fetch(`${server.url}/api/v1/sessions`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    }).then((response) => response.json())
    expect(sessions.items.find((session: { current: boolean }) => session.current).ip).toBe('203.0.113.9')
  } finally {
    await server.stop()
  }
})

test('with AUTH_ENABLED=false every page says so, every answer carries the header, and no sign-in is asked', async ({
  browser,
}) => {
  const server = await startServer({ name: 'auth-disabled', port: 3196, env: { AUTH_ENABLED: 'false' } })
  try {
    const page = await browser.newPage({ baseURL: server.url, viewport: { width: 390, height: 800 } })
    const answer = await page.goto('/')
    expect(answer?.headers()['x-gatehouse-auth']).toBe('disabled')
    await expect(page.getByRole('alert').filter({ hasText: 'Authentication is off' })).toBeVisible()
    await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible()
    await page.screenshot({ path: test.info().outputPath('auth-disabled-phone.png'), fullPage: true })
    // No sign-in page stands in the way, and a fresh instance needs no setup.
    await page.goto('/login')
    await expect(page).toHaveURL(`${server.url}/`)
    await page.goto('/setup')
    await expect(page).toHaveURL(`${server.url}/`)
    await page.goto('/admin/settings')
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
    await expect(page.getByRole('alert').filter({ hasText: 'Authentication is off' })).toBeVisible()

    const me = await page.request.get('/api/v1/me')
    expect(me.status()).toBe(200)
    expect(me.headers()['x-gatehouse-auth']).toBe('disabled')
    expect((await me.json()).email).toBe('developer@gatehouse.invalid')
    for (const path of ['/api/health', '/favicon.ico', '/no-such-page']) {
      const response = await page.request.get(path)
      expect(response.headers()['x-gatehouse-auth'], path).toBe('disabled')
    }
    const refused = await page.request.fetch('/api/v1/me', { method: 'TRACE' })
    expect(refused.status()).toBe(405)
    expect(refused.headers()['x-gatehouse-auth']).toBe('disabled')
    // A name rebound to 127.0.0.1 by another site gets nothing.
    for (const path of ['/api/v1/me', '/', '/admin/settings']) {
      const rebound = await answerForHost(`${server.url}${path}`, 'rebound.example:3196')
      expect(rebound.status, path).toBe(403)
      expect(rebound.body, path).toContain('answers only requests for localhost:3196')
    }
    await page.close()
  } finally {
    await server.stop()
  }
})
