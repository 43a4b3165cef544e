/**
 * Attacks: request floods, password guessing across addresses, and spoofed X-Forwarded-For to get
 * a fresh budget. Every /api/v1 answer tells the client its budget.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { GET as health } from '@/app/api/health/route'
import { GET as metricsGET } from '@/app/api/metrics/route'
import { GET as ready } from '@/app/api/ready/route'
import * as keysRoute from '@/app/api/v1/api-keys/route'
import { POST as refresh } from '@/app/api/v1/auth/refresh/route'
import { POST as token } from '@/app/api/v1/auth/token/route'
import { GET as meGET } from '@/app/api/v1/me/route'
import * as membersRoute from '@/app/api/v1/orgs/[org]/members/route'
import * as setupRoute from '@/app/api/v1/setup/route'
import { GET as setupStatus } from '@/app/api/v1/setup/status/route'
import { generateApiKey } from '@/lib/api-keys/key-format'
import { CEILING_FACTOR } from '@/lib/ratelimit/limits'
import { ensureSetupToken } from '@/lib/setup/setup-token'
import { TEST_PASSWORD } from '@/lib/testing/fixtures'
import { callRoute } from '@/lib/testing/http'
import { seedOrg, seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'

describe('rate limits (memory store)', () => {
  let t: TestRuntime
  afterEach(() => t.cleanup())

  const from = (ip: string) => ({ 'x-forwarded-for': ip })

  it('sends X-RateLimit-* on every /api/v1 answer and 429 with Retry-After past the limit', async () => {
    t = await createTestRuntime({ RATE_LIMIT_GLOBAL: '3' })
    const answers = []
    for (let i = 0; i < 4; i++) answers.push(await callRoute(meGET, '/api/v1/me', { headers: from('203.0.113.10') }))
    expect(
      answers
        .slice(0, 3)
        .map((r) => [r.status, r.headers.get('x-ratelimit-limit'), r.headers.get('x-ratelimit-remaining')]),
    ).toEqual([
      [401, '3', '2'],
      [401, '3', '1'],
      [401, '3', '0'],
    ])
    const refused = answers[3]
    expect(refused.status).toBe(429)
    expect((await refused.json()).code).toBe('rate_limited')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(Number(refused.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000)
    expect((await callRoute(meGET, '/api/v1/me', { headers: from('203.0.113.11') })).status).toBe(401)
    const healthy = await callRoute(health, '/api/health', { headers: from('203.0.113.10') })
    expect(healthy.status).toBe(200)
    expect(healthy.headers.get('x-ratelimit-limit')).toBeNull()
  })

  it('does not let a client pick its address without TRUST_PROXY, and believes the proxy with it', async () => {
    t = await createTestRuntime({ RATE_LIMIT_GLOBAL: '1' })
    expect((await callRoute(meGET, '/api/v1/me', { headers: from('1.1.1.1, 198.51.100.7') })).status).toBe(401)
    expect((await callRoute(meGET, '/api/v1/me', { headers: from('2.2.2.2, 198.51.100.7') })).status).toBe(429)
    await t.restart({ RATE_LIMIT_GLOBAL: '1', TRUST_PROXY: 'true' })
    expect((await callRoute(meGET, '/api/v1/me', { headers: from('1.1.1.1, 10.0.0.2') })).status).toBe(401)
    expect((await callRoute(meGET, '/api/v1/me', { headers: from('2.2.2.2, 10.0.0.2') })).status).toBe(401)
    expect((await callRoute(meGET, '/api/v1/me', { headers: from('2.2.2.2, 10.0.0.2') })).status).toBe(429)
  })

  /*
   * Attack: locking an owner out. The per-account bucket was keyed by e-mail alone and spent before
   * the password was checked, so a few wrong attempts a minute from anywhere kept the owner at 429.
   */
  it('limits password attempts per address and account; strangers failing elsewhere never lock the owner out', async () => {
    t = await createTestRuntime({ RATE_LIMIT_AUTH: '2' })
    const { user } = await seedUserWithToken(t.runtime)
    const attempt = (ip: string, password: string, email = user.email) =>
      callRoute(token, '/api/v1/auth/token', { headers: from(ip), body: { email, password } })
    expect((await attempt('203.0.113.20', 'Wrong-Password-1')).status).toBe(401)
    expect((await attempt('203.0.113.20', 'Wrong-Password-2')).status).toBe(401)
    const third = await attempt('203.0.113.20', TEST_PASSWORD)
    expect(third.status).toBe(429)
    expect(third.headers.get('retry-after')).toBeTruthy()
    // The owner, elsewhere, with the right password.
    expect((await attempt('198.51.100.7', TEST_PASSWORD)).status).toBe(200)
    // The guessing address may still try other accounts within their own budgets.
    const other = await seedUserWithToken(t.runtime)
    expect((await attempt('203.0.113.20', TEST_PASSWORD, other.user.email)).status).toBe(200)
  })

  it('caps an account at a far higher ceiling across addresses', async () => {
    t = await createTestRuntime({ RATE_LIMIT_AUTH: '1' })
    const { user } = await seedUserWithToken(t.runtime)
    const attempt = (i: number) =>
      callRoute(token, '/api/v1/auth/token', {
        headers: from(`198.18.0.${i}`),
        body: { email: user.email, password: TEST_PASSWORD },
      })
    const statuses = []
    for (let i = 1; i <= CEILING_FACTOR + 1; i++) statuses.push((await attempt(i)).status)
    expect(statuses.slice(0, CEILING_FACTOR).every((status) => status === 200)).toBe(true)
    expect(statuses[CEILING_FACTOR]).toBe(429)
  })

  // Attack: enumerating which e-mail addresses have accounts through "add member"'s answer.
  it('limits looking accounts up by e-mail like a sign-in', async () => {
    t = await createTestRuntime({ RATE_LIMIT_AUTH: '2' })
    const owner = await seedUserWithToken(t.runtime)
    const org = await seedOrg(t.runtime, owner.user.id)
    const add = (email: string) =>
      callRoute(membersRoute.POST, '/m', {
        token: owner.token,
        headers: from('203.0.113.80'),
        params: { org: org.slug },
        body: { email, role: 'viewer' },
      })
    expect((await add('nobody-1@example.com')).status).toBe(422)
    expect((await add('nobody-2@example.com')).status).toBe(422)
    expect((await add('nobody-3@example.com')).status).toBe(429)
  })

  // Attack: keeping the real admin from claiming a fresh instance by guessing setup tokens from elsewhere.
  it('limits setup attempts per address, so guesses elsewhere never block the real admin', async () => {
    t = await createTestRuntime({ RATE_LIMIT_AUTH: '2' })
    const token = await ensureSetupToken(t.runtime.db, t.runtime.masterKey)
    const claim = (ip: string, setup_token: string) =>
      callRoute(setupRoute.POST, '/api/v1/setup', {
        headers: from(ip),
        body: { setup_token, email: 'ada@example.com', name: 'Ada', password: TEST_PASSWORD },
      })
    const guesses = [await claim('203.0.113.90', 'guess-1'), await claim('203.0.113.90', 'guess-2')]
    expect(guesses.map((r) => r.status)).toEqual([403, 403])
    expect((await claim('203.0.113.90', token)).status).toBe(429)
    expect((await claim('198.51.100.90', token)).status).toBe(201)
  })

  it('limits /api/ready and /api/metrics like every other answer, but never /api/health', async () => {
    t = await createTestRuntime({ RATE_LIMIT_GLOBAL: '1' })
    for (const [handler, path] of [
      [ready, '/api/ready'],
      [metricsGET, '/api/metrics'],
    ] as const) {
      const first = await callRoute(handler, path, { headers: from('203.0.113.91') })
      expect(first.headers.get('x-ratelimit-limit'), path).toBe('1')
      expect((await callRoute(handler, path, { headers: from('203.0.113.91') })).status, path).toBe(429)
      await t.restart({ RATE_LIMIT_GLOBAL: '1' })
    }
    for (let i = 0; i < 3; i++)
      expect((await callRoute(health, '/api/health', { headers: from('203.0.113.91') })).status).toBe(200)
  })

  it('gives API keys budgets of their own, apart from their address', async () => {
    t = await createTestRuntime({ RATE_LIMIT_GLOBAL: '2' })
    const owner = await seedUserWithToken(t.runtime)
    const org = await seedOrg(t.runtime, owner.user.id)
    const created = await callRoute(keysRoute.POST, '/api/v1/api-keys', {
      token: owner.token,
      headers: from('203.0.113.40'),
      body: { name: 'ci', org_id: org.id, scopes: ['member:read'] },
    })
    const { key } = await created.json()
    const list = () =>
      callRoute(membersRoute.GET, '/api/v1/orgs/x/members', {
        token: key,
        headers: from('203.0.113.40'),
        params: { org: org.slug },
      })
    expect((await list()).status).toBe(200)
    const second = await list()
    expect(second.status).toBe(200)
    expect(second.headers.get('x-ratelimit-remaining')).toBe('0')
    expect((await list()).status).toBe(429)
    expect((await callRoute(meGET, '/api/v1/me', { token: owner.token, headers: from('203.0.113.40') })).status).toBe(
      200,
    )
  })

  /*
   * Attack: any checksum-valid gk_ header made the wrapper skip the per-address buckets, and on
   * routes that authenticate nobody (refresh, logout, setup status) nothing at all was charged.
   */
  it('charges a key that is not a real key to its address, on every route', async () => {
    t = await createTestRuntime({ RATE_LIMIT_GLOBAL: '2' })
    const fake = { authorization: `Bearer ${generateApiKey()}`, ...from('203.0.113.45') }
    const refreshWithFake = () =>
      callRoute(refresh, '/api/v1/auth/refresh', { headers: fake, body: { refresh_token: 'x' } })
    const answers = [await refreshWithFake(), await refreshWithFake(), await refreshWithFake()]
    expect(answers.map((r) => [r.status, r.headers.get('x-ratelimit-remaining')])).toEqual([
      [401, '1'],
      [401, '0'],
      [429, '0'],
    ])
    const status = await callRoute(setupStatus, '/api/v1/setup/status', { headers: fake })
    expect(status.status).toBe(429)
    const other = { 'x-api-key': generateApiKey(), ...from('203.0.113.46') }
    const me = [
      await callRoute(meGET, '/api/v1/me', { headers: other }),
      await callRoute(meGET, '/api/v1/me', { headers: other }),
    ]
    expect(me.map((r) => [r.status, r.headers.get('x-ratelimit-remaining')])).toEqual([
      [401, '1'],
      [401, '0'],
    ])
    expect((await callRoute(meGET, '/api/v1/me', { headers: other })).status).toBe(429)
  })
})

describe('rate limits when the store is down', () => {
  let t: TestRuntime
  afterEach(() => t.cleanup())

  it('serves requests without a limit, but keeps limiting sign-ins in memory', async () => {
    // Nothing listens on port 1: every Redis call fails at once.
    t = await createTestRuntime({ REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_GLOBAL: '1', RATE_LIMIT_AUTH: '1' })
    const warnings: unknown[] = []
    t.runtime.log.warn = ((...args: unknown[]) => void warnings.push(args)) as typeof t.runtime.log.warn
    for (let i = 0; i < 5; i++)
      expect((await callRoute(meGET, '/api/v1/me', { headers: from('203.0.113.50') })).status).toBe(401)
    // Once an interval, not once a request (a 2-minute load run wrote 86,100 such lines).
    expect(warnings).toHaveLength(1)
    const readiness = await callRoute(ready, '/api/ready')
    expect(readiness.status).toBe(200)
    expect((await readiness.json()).checks).toMatchObject({
      database: { status: 'ok' },
      rate_limit_store: { status: 'failing', store: 'redis', since: expect.any(String) },
    })
    const { user } = await seedUserWithToken(t.runtime)
    const attempt = () =>
      callRoute(token, '/api/v1/auth/token', {
        headers: from('203.0.113.51'),
        body: { email: user.email, password: TEST_PASSWORD },
      })
    expect((await attempt()).status).toBe(200)
    expect((await attempt()).status).toBe(429)
  })

  const from = (ip: string) => ({ 'x-forwarded-for': ip })
})
