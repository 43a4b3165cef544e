/**
 * A user sees and ends their own sign-ins: ending one takes effect on its next request; another
 * user's session is out of reach (404, like one that does not exist); API keys cannot do this.
 */
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GET as meGET } from '@/app/api/v1/me/route'
import * as sessionRoute from '@/app/api/v1/sessions/[id]/route'
import * as sessionsRoute from '@/app/api/v1/sessions/route'
import { auditLog } from '@/db/schema'
import { rotateRefreshToken } from '@/lib/auth/refresh-tokens'
import { issueTokensForPassword, signInWithPassword } from '@/lib/auth/sign-in'
import { seedUser, TEST_PASSWORD } from '@/lib/testing/fixtures'
import { callRoute } from '@/lib/testing/http'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'

const PHONE = { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1' }
const LAPTOP = { ip: '203.0.113.8', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36' }
const CLI = { ip: '203.0.113.9', userAgent: 'gatehouse-cli/0.1' }

describe('sessions', () => {
  let t: TestRuntime
  beforeAll(async () => {
    t = await createTestRuntime()
  })
  afterAll(() => t.cleanup())

  async function signedInEverywhere() {
    const user = await seedUser(t.runtime)
    const credentials = { email: user.email, password: TEST_PASSWORD }
    const phone = await signInWithPassword(t.runtime, { ...credentials, meta: PHONE })
    const laptop = await signInWithPassword(t.runtime, { ...credentials, meta: LAPTOP })
    const cli = await issueTokensForPassword(t.runtime, { ...credentials, meta: CLI })
    const script = await issueTokensForPassword(t.runtime, { ...credentials, meta: CLI })
    return { user, phone, laptop, cli, script }
  }
  const list = async (headers: Record<string, string>) =>
    (await (await callRoute(sessionsRoute.GET, '/api/v1/sessions', { headers })).json()).items
  const cookie = (token: string) => ({ cookie: `gatehouse.session=${token}` })
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
  const status = async (response: Promise<Response>) => {
    const answer = await response
    return { status: answer.status, code: answer.status === 204 ? undefined : (await answer.json()).code }
  }

  it('lists browser sessions and API sign-ins with device, address and which one is asking', async () => {
    const { phone, cli } = await signedInEverywhere()
    const fromPhone = await list(cookie(phone.token))
    expect(fromPhone).toHaveLength(4)
    expect(fromPhone.filter((s: { kind: string }) => s.kind === 'browser')).toHaveLength(2)
    expect(fromPhone.find((s: { current: boolean }) => s.current)).toMatchObject({
      id: phone.id,
      kind: 'browser',
      ip: PHONE.ip,
      user_agent: PHONE.userAgent,
    })
    expect(fromPhone[0]).toEqual({
      id: expect.any(String),
      kind: expect.any(String),
      created_at: expect.any(String),
      last_used_at: expect.any(String),
      ip: expect.any(String),
      user_agent: expect.any(String),
      current: expect.any(Boolean),
    })
    const fromCli = await list(bearer(cli.access_token))
    expect(fromCli.filter((s: { current: boolean }) => s.current)).toEqual([
      expect.objectContaining({ kind: 'api', ip: CLI.ip }),
    ])
  })

  it('shows an API sign-in once however often it refreshed, from its newest address', async () => {
    const { cli } = await signedInEverywhere()
    await rotateRefreshToken(t.runtime.db, {
      token: cli.refresh_token,
      ttlSeconds: 3600,
      meta: { ...CLI, ip: '198.51.100.99' },
    })
    const api = (await list(bearer(cli.access_token))).filter((s: { kind: string }) => s.kind === 'api')
    expect(api).toHaveLength(2)
    expect(api.find((s: { current: boolean }) => s.current).ip).toBe('198.51.100.99')
  })

  it('ends one browser session or one API sign-in at once, and audits it', async () => {
    const { user, phone, laptop, cli, script } = await signedInEverywhere()
    expect(
      await status(
        callRoute(sessionRoute.DELETE, '/s', { method: 'DELETE', token: cli.access_token, params: { id: laptop.id } }),
      ),
    ).toEqual({ status: 204 })
    expect((await callRoute(meGET, '/me', { headers: cookie(laptop.token) })).status).toBe(401)
    expect((await callRoute(meGET, '/me', { headers: cookie(phone.token) })).status).toBe(200)

    // From the CLI's sign-in, end the script's: its access token stops at once, its refresh token too.
    const scriptSignIn = (await list(bearer(cli.access_token))).find(
      (s: { kind: string; current: boolean }) => s.kind === 'api' && !s.current,
    )
    expect(
      await status(
        callRoute(sessionRoute.DELETE, '/s', {
          method: 'DELETE',
          token: cli.access_token,
          params: { id: scriptSignIn.id },
        }),
      ),
    ).toEqual({ status: 204 })
    expect((await callRoute(meGET, '/me', { token: script.access_token })).status).toBe(401)
    await expect(
      rotateRefreshToken(t.runtime.db, { token: script.refresh_token, ttlSeconds: 3600, meta: CLI }),
    ).rejects.toMatchObject({ code: 'invalid_token' })
    expect((await callRoute(meGET, '/me', { token: cli.access_token })).status).toBe(200)

    const audits = await t.runtime.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'session.revoke'), eq(auditLog.actorId, user.id)))
    expect(audits.map((row) => row.meta.kind).sort()).toEqual(['api', 'browser'])
  })

  it('answers 404 for another user’s session and for one that does not exist', async () => {
    const victim = await signedInEverywhere()
    const attacker = await signedInEverywhere()
    for (const id of [
      victim.laptop.id,
      (await list(bearer(victim.cli.access_token))).find((s: { current: boolean }) => s.current).id,
      'no-such-session',
    ]) {
      expect(
        await status(
          callRoute(sessionRoute.DELETE, '/s', { method: 'DELETE', token: attacker.cli.access_token, params: { id } }),
        ),
      ).toEqual({ status: 404, code: 'not_found' })
    }
    expect((await callRoute(meGET, '/me', { headers: cookie(victim.laptop.token) })).status).toBe(200)
    expect((await callRoute(meGET, '/me', { token: victim.cli.access_token })).status).toBe(200)
  })

  it('signs out everywhere else, keeping the sign-in that asked', async () => {
    const { phone, laptop, cli, script } = await signedInEverywhere()
    expect(
      await status(callRoute(sessionsRoute.DELETE, '/api/v1/sessions', { method: 'DELETE', token: cli.access_token })),
    ).toEqual({ status: 204 })
    for (const headers of [cookie(phone.token), cookie(laptop.token), bearer(script.access_token)])
      expect((await callRoute(meGET, '/me', { headers })).status).toBe(401)
    const left = await list(bearer(cli.access_token))
    expect(left).toEqual([expect.objectContaining({ kind: 'api', current: true })])
  })

  it('is not for API keys, and needs a credential', async () => {
    expect(await status(callRoute(sessionsRoute.GET, '/api/v1/sessions'))).toEqual({
      status: 401,
      code: 'unauthenticated',
    })
    expect(
      await status(
        callRoute(sessionRoute.DELETE, '/s', { method: 'DELETE', params: { id: 'x' }, token: 'gk_notakey' }),
      ),
    ).toMatchObject({ status: 401 })
  })
})
