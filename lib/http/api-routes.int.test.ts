/**
 * The API as a client sees it, through the real route handlers and the one wrapper: status codes,
 * problem+json, size limits, headers, and never a 500 for bad input.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GET as jwks } from '@/app/.well-known/jwks.json/route'
import { GET as health } from '@/app/api/health/route'
import { GET as ready } from '@/app/api/ready/route'
import { POST as logout } from '@/app/api/v1/auth/logout/route'
import { POST as refresh } from '@/app/api/v1/auth/refresh/route'
import { POST as token } from '@/app/api/v1/auth/token/route'
import { GET as me } from '@/app/api/v1/me/route'
import { POST as setup } from '@/app/api/v1/setup/route'
import { GET as setupStatus } from '@/app/api/v1/setup/status/route'
import { signInWithPassword } from '@/lib/auth/sign-in'
import { ensureSetupToken } from '@/lib/setup/setup-token'
import { seedUser, TEST_META, TEST_PASSWORD } from '@/lib/testing/fixtures'
import { callRoute as call } from '@/lib/testing/http'
import { seedOrg } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'

async function problem(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json')
  const body = await response.json()
  expect(Object.keys(body)).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']))
  expect(body.status).toBe(response.status)
  return body
}

describe('API routes', () => {
  let t: TestRuntime
  beforeEach(async () => {
    t = await createTestRuntime({ MAX_BODY_BYTES: '2KiB' })
  })
  afterEach(() => t.cleanup())

  it('serves health without the database and readiness with it, with API security headers', async () => {
    const response = await call(health, '/api/health')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('strict-transport-security')).toBeNull()
    expect((await call(ready, '/api/ready')).status).toBe(200)
  })

  it('sends HSTS and redirects plain HTTP to HTTPS with TLS_REQUIRED', async () => {
    const runtime = await t.restart({ TLS_REQUIRED: 'true', TRUST_PROXY: 'true' })
    expect(runtime.config.tlsRequired).toBe(true)
    const redirected = await call(health, '/api/health', { headers: { 'x-forwarded-proto': 'http' } })
    expect(redirected.status).toBe(308)
    expect(redirected.headers.get('location')).toBe('https://localhost/api/health')
    const forged = await call(health, '/api/health?x=1', {
      headers: { 'x-forwarded-proto': 'http', host: 'evil.example', 'x-forwarded-host': 'evil.example' },
    })
    expect(forged.headers.get('location')).toBe('https://localhost/api/health?x=1')
    const secure = await call(health, '/api/health', { headers: { 'x-forwarded-proto': 'https' } })
    expect(secure.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains; preload')
  })

  // Attack: a client says X-Forwarded-Proto: https over plain HTTP to skip the redirect (and keep
  // its cookies on the wire). Without a trusted proxy the header is nobody's word.
  it('believes X-Forwarded-Proto only from a trusted proxy', async () => {
    await t.restart({ TLS_REQUIRED: 'true' })
    const claimed = await call(health, '/api/health', { headers: { 'x-forwarded-proto': 'https' } })
    expect(claimed.status).toBe(308)
    expect(claimed.headers.get('location')).toBe('https://localhost/api/health')
  })

  it('walks setup: status, wrong token 403, bad input 422, created 201, then 409', async () => {
    expect(await (await call(setupStatus, '/api/v1/setup/status')).json()).toEqual({ needs_setup: true })
    const setupToken = await ensureSetupToken(t.runtime.db, t.runtime.masterKey)
    const body = { setup_token: setupToken, email: 'ada@example.com', name: 'Ada', password: TEST_PASSWORD }
    const wrong = await call(setup, '/api/v1/setup', { body: { ...body, setup_token: 'nope' } })
    expect(wrong.status).toBe(403)
    expect((await problem(wrong)).code).toBe('forbidden')
    const invalid = await call(setup, '/api/v1/setup', { body: { ...body, email: 'not-an-email', name: 42 } })
    expect(invalid.status).toBe(422)
    expect((await problem(invalid)).errors.map((e: { path: string }) => e.path)).toEqual(['email', 'name'])
    const created = await call(setup, '/api/v1/setup', { body })
    expect(created.status).toBe(201)
    expect(await created.json()).toEqual({
      user: { id: expect.any(String), email: 'ada@example.com', name: 'Ada', is_admin: true },
    })
    expect(await (await call(setupStatus, '/api/v1/setup/status')).json()).toEqual({ needs_setup: false })
    const again = await call(setup, '/api/v1/setup', { body })
    expect(again.status).toBe(409)
    expect((await problem(again)).code).toBe('already_set_up')
  })

  it('answers bad bodies with 4xx problems, never 500', async () => {
    const cases: [number, string, Parameters<typeof call>[2]][] = [
      [422, 'validation_failed', { raw: '{"email":' }],
      [422, 'validation_failed', { body: [1, 2, 3] }],
      [422, 'validation_failed', { body: { email: null, password: { $ne: '' } } }],
      [413, 'payload_too_large', { body: { email: 'a@example.com', password: 'x'.repeat(4096) } }],
      [
        415,
        'unsupported_media_type',
        { raw: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      ],
    ]
    for (const [status, code, init] of cases) {
      const response = await call(token, '/api/v1/auth/token', init)
      expect(response.status).toBe(status)
      expect((await problem(response)).code).toBe(code)
    }
  })

  it('issues, uses, rotates and logs out tokens over HTTP', async () => {
    const user = await seedUser(t.runtime)
    const wrong = await call(token, '/api/v1/auth/token', { body: { email: user.email, password: 'Wrong-Password-1' } })
    expect(wrong.status).toBe(401)
    expect((await problem(wrong)).code).toBe('invalid_credentials')

    const pair = await (
      await call(token, '/api/v1/auth/token', { body: { email: user.email, password: TEST_PASSWORD } })
    ).json()
    const profile = await call(me, '/api/v1/me', { headers: { authorization: `Bearer ${pair.access_token}` } })
    expect(profile.status).toBe(200)
    expect(await profile.json()).toEqual({
      id: user.id,
      email: user.email,
      name: 'Test User',
      is_admin: false,
      email_verified: false,
      mfa_enabled: false,
      primary_org_id: null,
      orgs: [],
      auth: { type: 'access_token' },
    })

    const rotated = await call(refresh, '/api/v1/auth/refresh', { body: { refresh_token: pair.refresh_token } })
    expect(rotated.status).toBe(200)
    const next = await rotated.json()
    const reused = await call(refresh, '/api/v1/auth/refresh', { body: { refresh_token: pair.refresh_token } })
    expect(reused.status).toBe(401)
    expect((await problem(reused)).code).toBe('token_reused')
    expect((await call(me, '/api/v1/me', { headers: { authorization: `Bearer ${next.access_token}` } })).status).toBe(
      401,
    )

    const fresh = await (
      await call(token, '/api/v1/auth/token', { body: { email: user.email, password: TEST_PASSWORD } })
    ).json()
    expect((await call(logout, '/api/v1/auth/logout', { body: { refresh_token: fresh.refresh_token } })).status).toBe(
      204,
    )
    expect((await call(me, '/api/v1/me', { headers: { authorization: `Bearer ${fresh.access_token}` } })).status).toBe(
      401,
    )
  })

  it('answers 401 with WWW-Authenticate without a credential or with a bad one', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer nonsense' },
      { authorization: 'Basic YTpi' },
      { authorization: 'Bearer gk_notakey' },
    ]
    for (const headers of attempts) {
      const response = await call(me, '/api/v1/me', { headers })
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/)
      await problem(response)
    }
  })

  it('authenticates the browser session cookie, and not once the session is gone', async () => {
    const user = await seedUser(t.runtime)
    const session = await signInWithPassword(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: TEST_META })
    const cookie = { cookie: `gatehouse.session=${session.token}` }
    const org = await seedOrg(t.runtime, user.id)
    const response = await call(me, '/api/v1/me', { headers: cookie })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      auth: { type: 'session' },
      orgs: [{ id: org.id, slug: org.slug, name: org.name, role: 'owner' }],
    })
    await t.runtime.db.delete((await import('@/db/schema')).sessions)
    expect((await call(me, '/api/v1/me', { headers: cookie })).status).toBe(401)
  })

  it('publishes the public signing key with its kid', async () => {
    const body = await (await call(jwks, '/.well-known/jwks.json')).json()
    expect(body.keys).toEqual([
      expect.objectContaining({ kid: t.runtime.signingKeys.kid, kty: 'EC', crv: 'P-256', alg: 'ES256' }),
    ])
    expect(body.keys[0]).not.toHaveProperty('d')
  })
})
