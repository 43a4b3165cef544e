/**
 * Attacks on the Auth.js routes (/api/auth/*): a stolen session kept alive past SESSION_TTL by
 * reading /api/auth/session now and then (Auth.js slid the expiry forward), unlimited requests, and
 * a forged Host or X-Forwarded-Host steering the URLs Auth.js builds to another site.
 */
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import * as authRoute from '@/app/api/auth/[...nextauth]/route'
import { sessions } from '@/db/schema'
import { seedUser, TEST_META, TEST_PASSWORD } from '@/lib/testing/fixtures'
import { callRoute } from '@/lib/testing/http'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { signInWithPassword } from './sign-in'

const DAY = 86_400_000

describe('Auth.js routes', () => {
  let t: TestRuntime
  afterEach(() => t.cleanup())

  it('never extends a session: SESSION_TTL counts from sign-in', async () => {
    t = await createTestRuntime({ SESSION_TTL: '7d' })
    const user = await seedUser(t.runtime)
    const session = await signInWithPassword(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: TEST_META })
    // Signed in five days ago: two days are left, and reading the session must not add any.
    const expires = new Date(Date.now() + 2 * DAY)
    await t.runtime.db.update(sessions).set({ expires }).where(eq(sessions.id, session.id))
    const answer = await callRoute(authRoute.GET, '/api/auth/session', {
      headers: { cookie: `gatehouse.session=${session.token}` },
    })
    expect(answer.status).toBe(200)
    expect((await answer.json()).user.email).toBe(user.email)
    const [row] = await t.runtime.db.select().from(sessions).where(eq(sessions.id, session.id))
    // The row decides (verifySession reads it on every request), whatever expiry Auth.js gives the cookie.
    expect(row.expires.getTime()).toBe(expires.getTime())
  })

  it('answers with the API headers and rate limits', async () => {
    t = await createTestRuntime({ RATE_LIMIT_GLOBAL: '2' })
    const call = () => callRoute(authRoute.GET, '/api/auth/session', { headers: { 'x-forwarded-for': '203.0.113.70' } })
    const first = await call()
    expect(first.headers.get('x-ratelimit-limit')).toBe('2')
    expect(first.headers.get('content-security-policy')).toContain("default-src 'none'")
    await call()
    const refused = await call()
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBeTruthy()
  })

  it('builds its URLs on APP_URL, whatever Host the client sends', async () => {
    t = await createTestRuntime({ APP_URL: 'https://gate.example.com' })
    const answer = await callRoute(authRoute.GET, '/api/auth/signin', {
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' },
    })
    expect(answer.status).toBe(302)
    const location = new URL(answer.headers.get('location') ?? '', 'https://gate.example.com')
    expect(location.origin).toBe('https://gate.example.com')
    expect(location.searchParams.get('callbackUrl')).toBe('https://gate.example.com')
  })
})
