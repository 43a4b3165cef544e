/**
 * TOTP two-factor sign-in: without the code the password alone opens nothing; a code is accepted
 * once (no replay within its window); recovery codes work once each; turning it off needs the
 * password and a code; the secret is sealed at rest and bound to its user.
 */

import { createHash } from 'node:crypto'
import { hash as bcryptHash } from '@node-rs/bcrypt'
import { eq } from 'drizzle-orm'
import { generate } from 'otplib'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as resetMfaRoute from '@/app/api/v1/admin/users/[id]/reset-mfa/route'
import * as apiKeysRoute from '@/app/api/v1/api-keys/route'
import * as disableRoute from '@/app/api/v1/auth/mfa/totp/disable/route'
import * as enableRoute from '@/app/api/v1/auth/mfa/totp/enable/route'
import * as setupRoute from '@/app/api/v1/auth/mfa/totp/setup/route'
import * as tokenRoute from '@/app/api/v1/auth/token/route'
import { GET as meGET } from '@/app/api/v1/me/route'
import * as membersRoute from '@/app/api/v1/orgs/[org]/members/route'
import * as orgRoute from '@/app/api/v1/orgs/[org]/route'
import { auditLog, recoveryCodes, totpCredentials, users } from '@/db/schema'
import { hashRecoveryCode } from '@/lib/auth/recovery-codes'
import { bucketsOf } from '@/lib/ratelimit/limits'
import { seedUser, TEST_META, TEST_PASSWORD } from '@/lib/testing/fixtures'
import { answerOf, callRoute } from '@/lib/testing/http'
import { seedOrg, seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { beginBrowserSignIn, finishBrowserSignIn, issueTokensForPassword } from '../sign-in'

describe('TOTP two-factor', () => {
  let t: TestRuntime
  beforeEach(async () => {
    t = await createTestRuntime()
  })
  afterEach(() => t.cleanup())

  /** The code an authenticator app shows `stepsAhead` periods from now. */
  const codeFor = (secret: string, stepsAhead = 0) =>
    generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 })

  async function enrolled() {
    const user = await seedUser(t.runtime)
    const { access_token } = await issueTokensForPassword(t.runtime, {
      email: user.email,
      password: TEST_PASSWORD,
      meta: TEST_META,
    })
    const setup = await answerOf(callRoute(setupRoute.POST, '/s', { method: 'POST', token: access_token }))
    expect(setup).toMatchObject({ status: 200, secret: expect.stringMatching(/^[A-Z2-7]{32}$/) })
    expect(setup.otpauth_url).toBe(
      `otpauth://totp/Gatehouse:${encodeURIComponent(user.email)}?secret=${setup.secret}&issuer=Gatehouse`,
    )
    const enabled = await answerOf(
      callRoute(enableRoute.POST, '/e', {
        token: access_token,
        body: { code: await codeFor(setup.secret), password: TEST_PASSWORD },
      }),
    )
    expect(enabled.status).toBe(200)
    return {
      user,
      secret: setup.secret as string,
      recoveryCodes: enabled.recovery_codes as string[],
      accessToken: access_token,
    }
  }
  const token = (body: Record<string, unknown>) => answerOf(callRoute(tokenRoute.POST, '/api/v1/auth/token', { body }))

  it('turns on with a confirming code, hands out ten recovery codes, and seals the secret', async () => {
    const { user, secret, recoveryCodes: codes, accessToken } = await enrolled()
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    for (const code of codes) expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/)
    const [row] = await t.runtime.db.select().from(totpCredentials).where(eq(totpCredentials.userId, user.id))
    expect(JSON.stringify(row)).not.toContain(secret)
    const stored = await t.runtime.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))
    expect(stored.map((r) => r.codeHash).join()).not.toContain(codes[0].replace('-', ''))
    expect((await answerOf(callRoute(meGET, '/me', { token: accessToken }))).mfa_enabled).toBe(true)
    const [audit] = await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'auth.mfa.enable'))
    expect(audit).toMatchObject({ actorId: user.id })
  })

  it('refuses a wrong confirming code and keeps two-factor off', async () => {
    const user = await seedUser(t.runtime)
    const { access_token } = await issueTokensForPassword(t.runtime, {
      email: user.email,
      password: TEST_PASSWORD,
      meta: TEST_META,
    })
    expect(
      await answerOf(
        callRoute(enableRoute.POST, '/e', { token: access_token, body: { code: '123456', password: TEST_PASSWORD } }),
      ),
    ).toMatchObject({ status: 409 })
    const { secret } = await answerOf(callRoute(setupRoute.POST, '/s', { method: 'POST', token: access_token }))
    const wrong = (Number(await codeFor(secret)) + 1) % 1_000_000
    expect(
      await answerOf(
        callRoute(enableRoute.POST, '/e', {
          token: access_token,
          body: { code: String(wrong).padStart(6, '0'), password: TEST_PASSWORD },
        }),
      ),
    ).toMatchObject({ status: 401, code: 'invalid_mfa_code' })
    expect(
      await answerOf(
        callRoute(enableRoute.POST, '/e', { token: access_token, body: { code: 'abc', password: TEST_PASSWORD } }),
      ),
    ).toMatchObject({ status: 422 })
    expect(await token({ email: user.email, password: TEST_PASSWORD })).toMatchObject({ status: 200 })
  })

  /*
   * Attack: a borrowed session (a laptop left unlocked) puts the attacker's own authenticator on
   * the account. Turning TOTP on now takes the current password.
   */
  it('turns on only with the current password', async () => {
    const user = await seedUser(t.runtime)
    const { access_token } = await issueTokensForPassword(t.runtime, {
      email: user.email,
      password: TEST_PASSWORD,
      meta: TEST_META,
    })
    const { secret } = await answerOf(callRoute(setupRoute.POST, '/s', { method: 'POST', token: access_token }))
    const enable = async (body: Record<string, unknown>) =>
      answerOf(
        callRoute(enableRoute.POST, '/e', { token: access_token, body: { code: await codeFor(secret), ...body } }),
      )
    expect(await enable({})).toMatchObject({ status: 422, errors: [{ path: 'password' }] })
    expect(await enable({ password: 'Wrong-Password-1' })).toMatchObject({
      status: 401,
      code: 'invalid_credentials',
      errors: [{ path: 'password' }],
    })
    expect((await answerOf(callRoute(meGET, '/me', { token: access_token }))).mfa_enabled).toBe(false)
    const [refused] = await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'auth.mfa.enable'))
    expect(refused).toMatchObject({ outcome: 'failure', meta: { reason: 'wrong_password' } })
  })

  it('asks for the second factor, accepts a code once, and refuses it replayed', async () => {
    const { user, secret } = await enrolled()
    expect(await token({ email: user.email, password: TEST_PASSWORD })).toMatchObject({
      status: 401,
      code: 'mfa_required',
    })
    expect(
      await token({ email: user.email, password: 'wrong-password', totp_code: await codeFor(secret, 1) }),
    ).toMatchObject({ status: 401, code: 'invalid_credentials' })
    const next = await codeFor(secret, 1) // the enabling code used this period's; the app's next one
    expect(await token({ email: user.email, password: TEST_PASSWORD, totp_code: next })).toMatchObject({
      status: 200,
      access_token: expect.any(String),
    })
    expect(await token({ email: user.email, password: TEST_PASSWORD, totp_code: next })).toMatchObject({
      status: 401,
      code: 'invalid_mfa_code',
    })
    expect(
      await token({ email: user.email, password: TEST_PASSWORD, totp_code: await codeFor(secret, -1) }),
    ).toMatchObject({ status: 401, code: 'invalid_mfa_code' })
    const failures = await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'auth.login'))
    expect(failures.filter((row) => row.meta.reason === 'wrong_mfa_code')).toHaveLength(2)
  })

  it('accepts each recovery code once, in the API and the browser', async () => {
    const { user, recoveryCodes: codes } = await enrolled()
    expect(
      await token({ email: user.email, password: TEST_PASSWORD, recovery_code: codes[0].toUpperCase() }),
    ).toMatchObject({ status: 200 })
    expect(await token({ email: user.email, password: TEST_PASSWORD, recovery_code: codes[0] })).toMatchObject({
      status: 401,
      code: 'invalid_mfa_code',
    })
    const begun = await beginBrowserSignIn(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: TEST_META })
    expect(begun).toEqual({ pendingUserId: user.id })
    const session = await finishBrowserSignIn(t.runtime, {
      userId: user.id,
      factor: { recoveryCode: codes[1] },
      meta: TEST_META,
    })
    expect(session.token).toEqual(expect.any(String))
    await expect(
      finishBrowserSignIn(t.runtime, { userId: user.id, factor: { recoveryCode: codes[1] }, meta: TEST_META }),
    ).rejects.toMatchObject({ code: 'invalid_mfa_code' })
    expect(
      await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'auth.mfa.recovery_used')),
    ).toHaveLength(2)
  })

  // Attack: a copy of the database. A bare SHA-256 of a 50-bit code can be brute-forced offline;
  // the keyed hash needs the key, which is sealed with the master key.
  it('stores recovery codes under a keyed hash, and still accepts a code stored before it, once', async () => {
    const { user, recoveryCodes: codes } = await enrolled()
    const stored = await t.runtime.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))
    const bare = codes.map((code) => createHash('sha256').update(code.replace('-', '')).digest('hex'))
    expect(stored.some((row) => bare.includes(row.codeHash))).toBe(false)
    // A code from before the keyed hash: its row holds the bare SHA-256.
    const legacyRows = await t.runtime.db
      .update(recoveryCodes)
      .set({ codeHash: bare[0] })
      .where(eq(recoveryCodes.codeHash, hashRecoveryCode(t.runtime.recoveryCodeKey, codes[0])))
      .returning({ id: recoveryCodes.id })
    expect(legacyRows).toHaveLength(1)
    const legacy = { email: user.email, password: TEST_PASSWORD, recovery_code: codes[0] }
    expect(await token(legacy)).toMatchObject({ status: 200 })
    expect(await token(legacy)).toMatchObject({ status: 401, code: 'invalid_mfa_code' })
  })

  it('replaces an imported bcrypt hash at the password step, before the code is asked for', async () => {
    const { user } = await enrolled()
    await t.runtime.db
      .update(users)
      .set({ passwordHash: await bcryptHash(TEST_PASSWORD, { cost: 10 }) })
      .where(eq(users.id, user.id))
    expect(
      await beginBrowserSignIn(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: TEST_META }),
    ).toEqual({ pendingUserId: user.id })
    const [stored] = await t.runtime.db.select().from(users).where(eq(users.id, user.id))
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/)
  })

  it('turns off only with the password and a current code', async () => {
    const { user, secret, accessToken } = await enrolled()
    const disable = (body: Record<string, unknown>) =>
      answerOf(callRoute(disableRoute.POST, '/d', { token: accessToken, body }))
    expect(await disable({ password: 'Wrong-Password-1', code: await codeFor(secret, 1) })).toMatchObject({
      status: 401,
      code: 'invalid_credentials',
      errors: [{ path: 'password' }],
    })
    expect(await disable({ password: TEST_PASSWORD, code: '000000' })).toMatchObject({
      status: 401,
      code: 'invalid_mfa_code',
    })
    // A wrong code counts like a failed sign-in: it feeds the account's delay and the address's block.
    const buckets = await bucketsOf(t.runtime)
    expect((await buckets?.auth_failures.get(user.email))?.consumedPoints).toBe(1)
    // A code already used to sign in is spent, here as there.
    const code = await codeFor(secret, 1)
    expect(await token({ email: user.email, password: TEST_PASSWORD, totp_code: code })).toMatchObject({ status: 200 })
    expect(await disable({ password: TEST_PASSWORD, code })).toMatchObject({ status: 401, code: 'invalid_mfa_code' })
    // A minute later the app shows a fresh code, which turns it off.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 60_000 })
    try {
      expect(await disable({ password: TEST_PASSWORD, code: await codeFor(secret, 1) })).toEqual({ status: 204 })
    } finally {
      vi.useRealTimers()
    }
    expect(await t.runtime.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toEqual([])
    expect(await token({ email: user.email, password: TEST_PASSWORD })).toMatchObject({ status: 200 })
    const audits = await t.runtime.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'auth.mfa.disable'))
      .orderBy(auditLog.seq)
    expect(audits.map((row) => [row.outcome, (row.meta as { reason?: string }).reason])).toEqual([
      ['failure', 'wrong_password'],
      ['failure', 'wrong_mfa_code'],
      ['failure', 'wrong_mfa_code'],
      ['success', undefined],
    ])
  })

  it('will not open a secret moved onto another user’s row', async () => {
    const victim = await enrolled()
    const attacker = await seedUser(t.runtime)
    const [row] = await t.runtime.db.select().from(totpCredentials).where(eq(totpCredentials.userId, victim.user.id))
    await t.runtime.db.insert(totpCredentials).values({ ...row, userId: attacker.id })
    await expect(
      issueTokensForPassword(t.runtime, {
        email: attacker.email,
        password: TEST_PASSWORD,
        factor: { totpCode: await codeFor(victim.secret, 1) },
        meta: TEST_META,
      }),
    ).rejects.toThrow()
  })
})

describe('organizations that require two-factor', () => {
  let t: TestRuntime
  beforeEach(async () => {
    t = await createTestRuntime()
  })
  afterEach(() => t.cleanup())

  async function turnOnTotp(accessToken: string) {
    const { secret } = await answerOf(callRoute(setupRoute.POST, '/s', { method: 'POST', token: accessToken }))
    expect(
      (
        await callRoute(enableRoute.POST, '/e', {
          token: accessToken,
          body: { code: await generate({ secret }), password: TEST_PASSWORD },
        })
      ).status,
    ).toBe(200)
  }

  it('closes the org to members and their API keys without a second factor until they turn one on', async () => {
    const owner = await seedUserWithToken(t.runtime)
    const member = await seedUserWithToken(t.runtime)
    const org = await seedOrg(t.runtime, owner.user.id, [{ userId: member.user.id, role: 'admin' }])
    const { key } = await (
      await callRoute(apiKeysRoute.POST, '/k', {
        token: member.token,
        body: { name: 'ci', org_id: org.id, scopes: ['member:read'] },
      })
    ).json()
    const requireMfa = () =>
      answerOf(
        callRoute(orgRoute.PATCH, '/o', {
          method: 'PATCH',
          token: owner.token,
          params: { org: org.slug },
          body: { require_mfa: true },
        }),
      )

    expect(await requireMfa()).toMatchObject({ status: 409, code: 'conflict', errors: [{ path: 'require_mfa' }] })
    await turnOnTotp(owner.token)
    expect(await requireMfa()).toMatchObject({ status: 200, require_mfa: true })

    const members = (token: string) => answerOf(callRoute(membersRoute.GET, '/m', { token, params: { org: org.slug } }))
    expect(await members(member.token)).toMatchObject({ status: 403, code: 'mfa_enrollment_required' })
    expect(await members(key)).toMatchObject({ status: 403, code: 'mfa_enrollment_required' })
    expect(await members(owner.token)).toMatchObject({ status: 200 })
    await turnOnTotp(member.token)
    expect(await members(member.token)).toMatchObject({ status: 200 })
    expect(await members(key)).toMatchObject({ status: 200 })
  })

  it('lets an instance admin clear a user’s second factor, and nobody else', async () => {
    const admin = await seedUserWithToken(t.runtime, { isAdmin: true })
    const user = await seedUserWithToken(t.runtime)
    await turnOnTotp(user.token)
    const reset = (token: string, id = user.user.id) =>
      answerOf(callRoute(resetMfaRoute.POST, '/r', { method: 'POST', token, params: { id } }))
    expect(await reset(user.token)).toMatchObject({ status: 403, code: 'forbidden' })
    expect(await reset(admin.token, 'no-such-user')).toMatchObject({ status: 404 })
    expect(
      await answerOf(callRoute(tokenRoute.POST, '/t', { body: { email: user.user.email, password: TEST_PASSWORD } })),
    ).toMatchObject({ status: 401, code: 'mfa_required' })
    expect(await reset(admin.token)).toEqual({ status: 204 })
    expect(
      await answerOf(callRoute(tokenRoute.POST, '/t', { body: { email: user.user.email, password: TEST_PASSWORD } })),
    ).toMatchObject({ status: 200 })
    const [audit] = await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'auth.mfa.disable'))
    expect(audit).toMatchObject({
      actorId: admin.user.id,
      targetId: user.user.id,
      meta: { reset_by_admin: true, had_totp: true },
    })
  })
})
