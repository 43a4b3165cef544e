/**
 * Changing a password: a thief holding the old session or refresh token is out at once; a wrong
 * current password is refused, audited and rate-limited like a sign-in; the policy applies.
 */
import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as passwordRoute from '@/app/api/v1/auth/password/route'
import { GET as meGET } from '@/app/api/v1/me/route'
import { auditLog } from '@/db/schema'
import { seedUser, TEST_META, TEST_PASSWORD } from '@/lib/testing/fixtures'
import { answerOf, callRoute } from '@/lib/testing/http'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { rotateRefreshToken } from './refresh-tokens'
import { issueTokensForPassword, signInWithPassword } from './sign-in'

const NEW_PASSWORD = 'Battery-Staple-Lamp-7'

describe('password change', () => {
  let t: TestRuntime
  beforeEach(async () => {
    t = await createTestRuntime()
  })
  afterEach(() => t.cleanup())

  const change = (token: string, body: Record<string, unknown>) =>
    callRoute(passwordRoute.POST, '/api/v1/auth/password', { token, body })

  it('ends every session and every API sign-in, the caller’s own included, and takes the new password', async () => {
    const user = await seedUser(t.runtime)
    const credentials = { email: user.email, password: TEST_PASSWORD, meta: TEST_META }
    const browser = await signInWithPassword(t.runtime, credentials)
    const cli = await issueTokensForPassword(t.runtime, credentials)
    const caller = await issueTokensForPassword(t.runtime, credentials)
    expect(
      await answerOf(change(caller.access_token, { current_password: TEST_PASSWORD, new_password: NEW_PASSWORD })),
    ).toEqual({ status: 204 })
    expect((await callRoute(meGET, '/me', { headers: { cookie: `gatehouse.session=${browser.token}` } })).status).toBe(
      401,
    )
    for (const pair of [cli, caller]) {
      expect((await callRoute(meGET, '/me', { token: pair.access_token })).status).toBe(401)
      await expect(
        rotateRefreshToken(t.runtime.db, { token: pair.refresh_token, ttlSeconds: 60, meta: TEST_META }),
      ).rejects.toMatchObject({ code: 'invalid_token' })
    }
    await expect(issueTokensForPassword(t.runtime, credentials)).rejects.toMatchObject({ code: 'invalid_credentials' })
    expect(await issueTokensForPassword(t.runtime, { ...credentials, password: NEW_PASSWORD })).toHaveProperty(
      'access_token',
    )
    const [audit] = await t.runtime.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.password.change'), eq(auditLog.outcome, 'success')))
    expect(audit).toMatchObject({ actorId: user.id, meta: { sessions_ended: 1, api_sign_ins_ended: 2 } })
  })

  it('refuses a wrong current password on its field, audits it, and limits the guesses', async () => {
    await t.restart({ RATE_LIMIT_AUTH: '5' })
    const user = await seedUser(t.runtime)
    const { access_token } = await issueTokensForPassword(t.runtime, {
      email: user.email,
      password: TEST_PASSWORD,
      meta: TEST_META,
    })
    const wrong = await answerOf(
      change(access_token, { current_password: 'Not-The-Password-1', new_password: NEW_PASSWORD }),
    )
    expect(wrong).toMatchObject({ status: 401, code: 'invalid_credentials', errors: [{ path: 'current_password' }] })
    const [failure] = await t.runtime.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.password.change'), eq(auditLog.outcome, 'failure')))
    expect(failure).toMatchObject({ actorId: user.id, meta: { reason: 'wrong_password' } })
    const statuses = []
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await answerOf(change(access_token, { current_password: 'Not-The-Password-1', new_password: NEW_PASSWORD })))
          .status,
      )
    expect(statuses).toContain(429)
    expect((await callRoute(meGET, '/me', { token: access_token })).status).toBe(200) // nothing was revoked
  })

  it('applies the policy to the new password, and refuses the same password again', async () => {
    const user = await seedUser(t.runtime)
    const { access_token } = await issueTokensForPassword(t.runtime, {
      email: user.email,
      password: TEST_PASSWORD,
      meta: TEST_META,
    })
    const weak = await answerOf(
      change(access_token, { current_password: TEST_PASSWORD, new_password: 'Password1234!' }),
    )
    expect(weak).toMatchObject({
      status: 422,
      code: 'validation_failed',
      errors: [{ path: 'new_password', message: 'Do not use a common password.' }],
    })
    const same = await answerOf(change(access_token, { current_password: TEST_PASSWORD, new_password: TEST_PASSWORD }))
    expect(same).toMatchObject({ status: 422, errors: [{ path: 'new_password' }] })
    expect(await answerOf(change(access_token, { current_password: TEST_PASSWORD }))).toMatchObject({
      status: 422,
      errors: [{ path: 'new_password' }],
    })
    expect((await callRoute(meGET, '/me', { token: access_token })).status).toBe(200)
  })
})
