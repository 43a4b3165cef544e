/**
 * Bots at the sign-up, sign-in and password-change forms: without a Turnstile token that
 * Cloudflare (here a local stand-in) accepts, nothing happens; a token works once; an unreachable
 * verifier refuses rather than waving requests through.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as passwordRoute from '@/app/api/v1/auth/password/route'
import * as registerRoute from '@/app/api/v1/auth/register/route'
import * as tokenRoute from '@/app/api/v1/auth/token/route'
import { pageCsp } from '@/lib/http/security-headers'
import { seedUser, TEST_PASSWORD } from '@/lib/testing/fixtures'
import { answerOf, callRoute } from '@/lib/testing/http'
import { seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { startTurnstileStandIn } from '@/lib/testing/turnstile-stand-in'

describe('Turnstile', () => {
  let standIn: Awaited<ReturnType<typeof startTurnstileStandIn>>
  let t: TestRuntime
  beforeAll(async () => {
    standIn = await startTurnstileStandIn()
  })
  afterAll(() => standIn.close())
  afterEach(() => t.cleanup())

  const withTurnstile = (extra: Record<string, string> = {}) =>
    createTestRuntime({
      TURNSTILE_ENABLED: 'true',
      TURNSTILE_SITE_KEY: 'site-key',
      TURNSTILE_SECRET_KEY: 'secret-key',
      TURNSTILE_VERIFY_URL: standIn.url,
      ...extra,
    })
  const register = (body: Record<string, unknown>) =>
    answerOf(
      callRoute(registerRoute.POST, '/api/v1/auth/register', {
        body: { name: 'Bot?', password: TEST_PASSWORD, ...body },
      }),
    )

  it('guards registration: no token or a rejected one is refused, a good one works once, with the client address', async () => {
    t = await withTurnstile()
    await seedUser(t.runtime) // set up
    expect(await register({ email: 'a@example.com' })).toMatchObject({
      status: 403,
      code: 'captcha_failed',
      errors: [{ path: 'turnstile_token' }],
    })
    expect(await register({ email: 'a@example.com', turnstile_token: 'forged' })).toMatchObject({
      status: 403,
      code: 'captcha_failed',
    })
    expect(await register({ email: 'a@example.com', turnstile_token: 'pass-register-1' })).toMatchObject({
      status: 201,
    })
    expect(standIn.received.at(-1)).toEqual({
      secret: 'secret-key',
      response: 'pass-register-1',
      remoteip: '198.51.100.20',
    })
    expect(await register({ email: 'b@example.com', turnstile_token: 'pass-register-1' })).toMatchObject({
      status: 403,
      code: 'captcha_failed',
    })
  })

  it('leaves sign-in alone by default and guards password changes', async () => {
    t = await withTurnstile()
    const user = await seedUserWithToken(t.runtime)
    const signIn = (extra: Record<string, unknown> = {}) =>
      answerOf(
        callRoute(tokenRoute.POST, '/t', { body: { email: user.user.email, password: TEST_PASSWORD, ...extra } }),
      )
    expect(await signIn()).toMatchObject({ status: 200 })
    const change = (extra: Record<string, unknown> = {}) =>
      answerOf(
        callRoute(passwordRoute.POST, '/p', {
          token: user.token,
          body: { current_password: TEST_PASSWORD, new_password: 'Battery-Staple-Lamp-7', ...extra },
        }),
      )
    expect(await change()).toMatchObject({ status: 403, code: 'captcha_failed' })
    expect(await change({ turnstile_token: 'pass-change-1' })).toEqual({ status: 204 })
  })

  it('guards the API sign-in too once TURNSTILE_REQUIRE_ON_LOGIN is on', async () => {
    t = await withTurnstile({ TURNSTILE_REQUIRE_ON_LOGIN: 'true' })
    const user = await seedUser(t.runtime)
    const signIn = (extra: Record<string, unknown> = {}) =>
      answerOf(callRoute(tokenRoute.POST, '/t', { body: { email: user.email, password: TEST_PASSWORD, ...extra } }))
    expect(await signIn()).toMatchObject({ status: 403, code: 'captcha_failed' })
    expect(await signIn({ turnstile_token: 'pass-login-1' })).toMatchObject({ status: 200 })
  })

  it('refuses with 503 when the verifier cannot be reached', async () => {
    t = await withTurnstile({ TURNSTILE_VERIFY_URL: 'http://127.0.0.1:9/siteverify' })
    await seedUser(t.runtime)
    expect(await register({ email: 'c@example.com', turnstile_token: 'pass-unreachable' })).toMatchObject({
      status: 503,
      code: 'unavailable',
    })
  })
})

describe('the page CSP', () => {
  it('lets Cloudflare’s script and frame through only when Turnstile is on', () => {
    expect(pageCsp('n', { dev: false, https: true, turnstile: true })).toMatch(
      /frame-src https:\/\/challenges\.cloudflare\.com/,
    )
    expect(pageCsp('n', { dev: false, https: true })).not.toContain('cloudflare')
  })
})
