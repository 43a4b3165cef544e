/**
 * TOTP two-factor sign-in: without the code the password alone opens nothing; a code is accepted
 * once (no replay within its window); recovery codes work once each; turning it off needs the
 * password and a code; the secret is sealed at rest and bound to its user.
 */
import { eq } from 'drizzle-orm'
import { generate } from 'otplib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as disableRoute from '@/app/api/v1/auth/mfa/totp/disable/route'
import * as enableRoute from '@/app/api/v1/auth/mfa/totp/enable/route'
import * as setupRoute from '@/app/api/v1/auth/mfa/totp/setup/route'
import * as tokenRoute from '@/app/api/v1/auth/token/route'
import { GET as meGET } from '@/app/api/v1/me/route'
import { auditLog, recoveryCodes, totpCredentials } from '@/db/schema'
import { TEST_META, TEST_PASSWORD, seedUser } from '@/lib/testing/fixtures'
import { callRoute } from '@/lib/testing/http'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { beginBrowserSignIn, finishBrowserSignIn, issueTokensForPassword } from '../sign-in'

describe('TOTP two-factor', () => {
  let t: TestRuntime
  beforeEach(async () => {
    t = await createTestRuntime()
  })
  afterEach(() => t.cleanup())

  const answer = async (response: Promise<Response>) => {
    const res = await response
    return res.status === 204 ? { status: 204 } : { status: res.status, ...(await res.json()) }
  }
  /** The code an authenticator app shows `stepsAhead` periods from now. */
  const codeFor = (secret: string, stepsAhead = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 })

  async function enrolled() {
    const user = await seedUser(t.runtime)
    const { access_token } = await issueTokensForPassword(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: TEST_META })
    const setup = await answer(callRoute(setupRoute.POST, '/s', { method: 'POST', token: access_token }))
    expect(setup).toMatchObject({ status: 200, secret: expect.stringMatching(/^[A-Z2-7]{32}$/) })
    expect(setup.otpauth_url).toBe(`otpauth://totp/Gatehouse:${encodeURIComponent(user.email)}?secret=${setup.secret}&issuer=Gatehouse`)
    const enabled = await answer(callRoute(enableRoute.POST, '/e', { token: access_token, body: { code: await codeFor(setup.secret) } }))
    expect(enabled.status).toBe(200)
    return { user, secret: setup.secret as string, recoveryCodes: enabled.recovery_codes as string[], accessToken: access_token }
  }
  const token = (body: Record<string, unknown>) => answer(callRoute(tokenRoute.POST, '/api/v1/auth/token', { body }))

  it('turns on with a confirming code, hands out ten recovery codes, and seals the secret', async () => {
    const { user, secret, recoveryCodes: codes, accessToken } = await enrolled()
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    for (const code of codes) expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/)
    const [row] = await t.runtime.db.select().from(totpCredentials).where(eq(totpCredentials.userId, user.id))
    expect(JSON.stringify(row)).not.toContain(secret)
    const stored = await t.runtime.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))
    expect(stored.map((r) => r.codeHash).join()).not.toContain(codes[0].replace('-', ''))
    expect((await answer(callRoute(meGET, '/me', { token: accessToken }))).mfa_enabled).toBe(true)
    const [audit] = await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'auth.mfa.enable'))
    expect(audit).toMatchObject({ actorId: user.id })
  })

  it('refuses a wrong confirming code and keeps two-factor off', async () => {
    const user = await seedUser(t.runtime)
    const { access_token } = await issueTokensForPassword(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: TEST_META })
    expect(await answer(callRoute(enableRoute.POST, '/e', { token: access_token, body: { code: '123456' } }))).toMatchObject({ status: 409 })
    const { secret } = await answer(callRoute(setupRoute.POST, '/s', { method: 'POST', token: access_token }))
    const wrong = (Number(await codeFor(secret)) + 1) % 1_000_000
    expect(await answer(callRoute(enableRoute.POST, '/e', { token: access_token, body: { code: String(wrong).padStart(6, '0') } }))).toMatchObject({ status: 401, code: 'invalid_mfa_code' })
    expect(await answer(callRoute(enableRoute.POST, '/e', { token: access_token, body: { code: 'abc' } }))).toMatchObject({ status: 422 })
    expect(await token({ email: user.email, password: TEST_PASSWORD })).toMatchObject({ status: 200 })
  })

  it('asks for the second factor, accepts a code once, and refuses it replayed', async () => {
    const { user, secret } = await enrolled()
    expect(await token({ email: user.email, password: TEST_PASSWORD })).toMatchObject({ status: 401, code: 'mfa_required' })
    expect(await token({ email: user.email, password: 'wrong-password', totp_code: await codeFor(secret, 1) })).toMatchObject({ status: 401, code: 'invalid_credentials' })
    const next = await codeFor(secret, 1) // the enabling code used this period's; the app's next one
    expect(await token({ email: user.email, password: TEST_PASSWORD, totp_code: next })).toMatchObject({ status: 200, access_token: expect.any(String) })
    expect(await token({ email: user.email, password: TEST_PASSWORD, totp_code: next })).toMatchObject({ status: 401, code: 'invalid_mfa_code' })
    expect(await token({ email: user.email, password: TEST_PASSWORD, totp_code: await codeFor(secret, -1) })).toMatchObject({ status: 401, code: 'invalid_mfa_code' })
    const failures = await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'auth.login'))
    expect(failures.filter((row) => row.meta.reason === 'wrong_mfa_code')).toHaveLength(2)
  })

  it('accepts each recovery code once, in the API and the browser', async () => {
    const { user, recoveryCodes: codes } = await enrolled()
    expect(await token({ email: user.email, password: TEST_PASSWORD, recovery_code: codes[0].toUpperCase() })).toMatchObject({ status: 200 })
    expect(await token({ email: user.email, password: TEST_PASSWORD, recovery_code: codes[0] })).toMatchObject({ status: 401, code: 'invalid_mfa_code' })
    const begun = await beginBrowserSignIn(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: TEST_META })
    expect(begun).toEqual({ pendingUserId: user.id })
    const session = await finishBrowserSignIn(t.runtime, { userId: user.id, factor: { recoveryCode: codes[1] }, meta: TEST_META })
    expect(session.token).toEqual(expect.any(String))
    await expect(finishBrowserSignIn(t.runtime, { userId: user.id, factor: { recoveryCode: codes[1] }, meta: TEST_META })).rejects.toMatchObject({ code: 'invalid_mfa_code' })
    expect(await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'auth.mfa.recovery_used'))).toHaveLength(2)
  })

  it('turns off only with the password and a current code', async () => {
    const { user, secret, accessToken } = await enrolled()
    const disable = (body: Record<string, unknown>) => answer(callRoute(disableRoute.POST, '/d', { token: accessToken, body }))
    expect(await disable({ password: 'Wrong-Password-1', code: await codeFor(secret, 1) })).toMatchObject({ status: 401, code: 'invalid_credentials', errors: [{ path: 'password' }] })
    expect(await disable({ password: TEST_PASSWORD, code: '000000' })).toMatchObject({ status: 401, code: 'invalid_mfa_code' })
    expect(await disable({ password: TEST_PASSWORD, code: await codeFor(secret, 1) })).toEqual({ status: 204 })
    expect(await t.runtime.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toEqual([])
    expect(await token({ email: user.email, password: TEST_PASSWORD })).toMatchObject({ status: 200 })
    expect(await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'auth.mfa.disable'))).toHaveLength(1)
  })

  it('will not open a secret moved onto another user’s row', async () => {
    const victim = await enrolled()
    const attacker = await seedUser(t.runtime)
    const [row] = await t.runtime.db.select().from(totpCredentials).where(eq(totpCredentials.userId, victim.user.id))
    await t.runtime.db.insert(totpCredentials).values({ ...row, userId: attacker.id })
    await expect(issueTokensForPassword(t.runtime, { email: attacker.email, password: TEST_PASSWORD, factor: { totpCode: await codeFor(victim.secret, 1) }, meta: TEST_META })).rejects.toThrow()
  })
})
