/**
 * Passkeys: adding one needs the password and a real authenticator answer to the challenge this
 * ceremony was given; signing in with one checks origin, user verification, the counter and the
 * single-use challenge; a passkey counts as a second factor; removal takes effect at once.
 */
import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as resetMfaRoute from '@/app/api/v1/admin/users/[id]/reset-mfa/route'
import { GET as meGET } from '@/app/api/v1/me/route'
import * as membersRoute from '@/app/api/v1/orgs/[org]/members/route'
import * as orgRoute from '@/app/api/v1/orgs/[org]/route'
import { auditLog, passkeys, sessions, users, webauthnChallenges } from '@/db/schema'
import { TEST_META, TEST_PASSWORD } from '@/lib/testing/fixtures'
import { answerOf, callRoute } from '@/lib/testing/http'
import { seedOrg, seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { SoftAuthenticator } from '@/lib/testing/soft-authenticator'
import { hasSecondFactor } from '../mfa/queries'
import { beginBrowserSignIn, finishBrowserSignIn, issueTokensForPassword, signInWithPasskey } from '../sign-in'
import { removePasskey, renamePasskey } from './manage-passkeys'
import { findPasskeysOfUser } from './queries'
import { finishPasskeyRegistration, startPasskeyRegistration } from './register-passkey'
import { relyingParty } from './relying-party'
import { startPasskeySecondFactor, startPasskeySignIn } from './verify-passkey'

describe('passkeys', () => {
  let t: TestRuntime
  let origin: string
  beforeEach(async () => {
    t = await createTestRuntime()
    origin = relyingParty(t.runtime.config).origin
  })
  afterEach(() => t.cleanup())

  type User = Awaited<ReturnType<typeof seedUserWithToken>>['user']

  async function addPasskey(user: User, authenticator = new SoftAuthenticator({ origin }), name = 'Laptop') {
    const { options, ceremonyId } = await startPasskeyRegistration(t.runtime, {
      user,
      password: TEST_PASSWORD,
      meta: TEST_META,
    })
    const passkey = await finishPasskeyRegistration(t.runtime, {
      user,
      name,
      response: authenticator.register(options),
      ceremonyId,
      meta: TEST_META,
    })
    return { passkey, authenticator }
  }

  async function passkeySignIn(authenticator: SoftAuthenticator) {
    const { options, ceremonyId } = await startPasskeySignIn(t.runtime, TEST_META)
    return signInWithPasskey(t.runtime, { response: authenticator.assert(options), ceremonyId, meta: TEST_META })
  }

  const failures = (reason: string) =>
    t.runtime.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.login'), eq(auditLog.outcome, 'failure')))
      .then((rows) => rows.filter((row) => (row.meta as { reason?: string }).reason === reason))

  it('adds a named passkey after the password, audited, and counts it as a second factor', async () => {
    const { user, token } = await seedUserWithToken(t.runtime)
    const { options } = await startPasskeyRegistration(t.runtime, { user, password: TEST_PASSWORD, meta: TEST_META })
    expect(options).toMatchObject({
      rp: { id: 'localhost', name: 'Gatehouse' },
      user: { name: user.email, id: Buffer.from(user.id).toString('base64url') },
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      attestation: 'none',
    })
    const { passkey } = await addPasskey(user, new SoftAuthenticator({ origin, synced: true }), 'iPhone')
    expect(await findPasskeysOfUser(t.runtime.db, user.id)).toMatchObject([
      { id: passkey.id, name: 'iPhone', backedUp: true, lastUsedAt: null },
    ])
    const [audit] = await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'auth.passkey.add'))
    expect(audit).toMatchObject({
      actorId: user.id,
      targetType: 'passkey',
      targetId: passkey.id,
      meta: { name: 'iPhone', synced: true },
    })
    expect(await hasSecondFactor(t.runtime.db, user.id)).toBe(true)
    expect((await answerOf(callRoute(meGET, '/me', { token }))).mfa_enabled).toBe(true)
  })

  it('refuses to add one with a wrong password, and audits the attempt', async () => {
    const { user } = await seedUserWithToken(t.runtime)
    await expect(
      startPasskeyRegistration(t.runtime, { user, password: 'wrong-password', meta: TEST_META }),
    ).rejects.toMatchObject({ code: 'invalid_credentials', errors: [{ path: 'password' }] })
    const [audit] = await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'auth.passkey.add'))
    expect(audit).toMatchObject({ outcome: 'failure', actorId: user.id, meta: { reason: 'wrong_password' } })
    expect(await t.runtime.db.select().from(webauthnChallenges)).toHaveLength(0)
  })

  it('refuses a registration answer from another origin, to another ceremony, or given twice', async () => {
    const { user } = await seedUserWithToken(t.runtime)
    const other = await seedUserWithToken(t.runtime)
    const start = () => startPasskeyRegistration(t.runtime, { user, password: TEST_PASSWORD, meta: TEST_META })
    const finish = (
      response: Parameters<typeof finishPasskeyRegistration>[1]['response'],
      ceremonyId: string | undefined,
      who: User = user,
    ) => finishPasskeyRegistration(t.runtime, { user: who, name: 'Key', response, ceremonyId, meta: TEST_META })

    const phished = await start()
    await expect(
      finish(
        new SoftAuthenticator({ origin: 'https://gatehouse.example.net' }).register(phished.options),
        phished.ceremonyId,
      ),
    ).rejects.toMatchObject({ code: 'validation_failed' })

    const first = await start()
    const second = await start()
    // An answer to the first challenge presented with the second ceremony: the challenge differs.
    await expect(
      finish(new SoftAuthenticator({ origin }).register(first.options), second.ceremonyId),
    ).rejects.toMatchObject({ code: 'validation_failed' })

    const mine = await start()
    await expect(
      finish(new SoftAuthenticator({ origin }).register(mine.options), mine.ceremonyId, other.user),
    ).rejects.toMatchObject({ code: 'invalid_credentials' })

    const once = await start()
    const answer = new SoftAuthenticator({ origin }).register(once.options)
    await expect(finish(answer, undefined)).rejects.toMatchObject({ code: 'invalid_credentials' })
    await finish(answer, once.ceremonyId)
    await expect(finish(answer, once.ceremonyId)).rejects.toMatchObject({ code: 'invalid_credentials' })

    const noVerification = await start()
    await expect(
      finish(
        new SoftAuthenticator({ origin, verifiesUser: false }).register(noVerification.options),
        noVerification.ceremonyId,
      ),
    ).rejects.toMatchObject({ code: 'validation_failed' })

    expect(await findPasskeysOfUser(t.runtime.db, user.id)).toHaveLength(1)
    expect(await findPasskeysOfUser(t.runtime.db, other.user.id)).toHaveLength(0)
  })

  it('tells the browser which authenticators already hold one, and refuses the same credential twice', async () => {
    const { user } = await seedUserWithToken(t.runtime)
    const { authenticator } = await addPasskey(user)
    const { options, ceremonyId } = await startPasskeyRegistration(t.runtime, {
      user,
      password: TEST_PASSWORD,
      meta: TEST_META,
    })
    expect(options.excludeCredentials).toEqual([
      { id: authenticator.credentials[0].id.toString('base64url'), type: 'public-key', transports: ['internal'] },
    ])
    const again = authenticator.register(options)
    // Present the first credential's id with a fresh attestation: the store keeps one row per credential.
    const [stored] = await t.runtime.db.select().from(passkeys)
    await t.runtime.db.update(passkeys).set({ credentialId: again.id }).where(eq(passkeys.id, stored.id))
    await expect(
      finishPasskeyRegistration(t.runtime, { user, name: 'Again', response: again, ceremonyId, meta: TEST_META }),
    ).rejects.toMatchObject({ code: 'conflict' })
  })

  it('signs in with a passkey alone: a session, the method audited, last use recorded', async () => {
    const { user } = await seedUserWithToken(t.runtime)
    const { authenticator, passkey } = await addPasskey(user)
    const session = await passkeySignIn(authenticator)
    const [row] = await t.runtime.db.select().from(sessions).where(eq(sessions.id, session.id))
    expect(row).toMatchObject({ userId: user.id, authMethod: 'passkey', ip: TEST_META.ip })
    const [audit] = await t.runtime.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.login'), eq(auditLog.outcome, 'success')))
    expect(audit).toMatchObject({
      actorId: user.id,
      targetId: session.id,
      meta: { method: 'passkey', kind: 'browser' },
    })
    const [stored] = await findPasskeysOfUser(t.runtime.db, user.id)
    expect(stored.id).toBe(passkey.id)
    expect(stored.lastUsedAt).toBeInstanceOf(Date)
    const [userRow] = await t.runtime.db.select().from(users).where(eq(users.id, user.id))
    expect(userRow.lastLoginAt).toBeInstanceOf(Date)
  })

  it('refuses a replayed, phished, unverified, unknown or removed passkey, and audits each', async () => {
    const { user } = await seedUserWithToken(t.runtime)
    const { authenticator, passkey } = await addPasskey(user)

    const { options, ceremonyId } = await startPasskeySignIn(t.runtime, TEST_META)
    const answer = authenticator.assert(options)
    await signInWithPasskey(t.runtime, { response: answer, ceremonyId, meta: TEST_META })
    await expect(signInWithPasskey(t.runtime, { response: answer, ceremonyId, meta: TEST_META })).rejects.toMatchObject(
      { code: 'invalid_credentials' },
    )
    const fresh = await startPasskeySignIn(t.runtime, TEST_META)
    await expect(
      signInWithPasskey(t.runtime, { response: answer, ceremonyId: fresh.ceremonyId, meta: TEST_META }),
    ).rejects.toMatchObject({ code: 'invalid_credentials' })

    const phishing = new SoftAuthenticator({ origin: 'https://gatehouse.example.net' })
    phishing.credentials.push(...authenticator.credentials)
    await expect(passkeySignIn(phishing)).rejects.toMatchObject({ code: 'invalid_credentials' })

    const careless = new SoftAuthenticator({ origin, verifiesUser: false })
    careless.credentials.push(...authenticator.credentials)
    await expect(passkeySignIn(careless)).rejects.toMatchObject({ code: 'invalid_credentials' })
    expect(await failures('passkey_not_verified')).toHaveLength(3)

    const stranger = new SoftAuthenticator({ origin })
    const elsewhere = await seedUserWithToken(t.runtime)
    await addPasskey(elsewhere.user, stranger)
    await t.runtime.db.delete(passkeys).where(eq(passkeys.userId, elsewhere.user.id))
    await expect(passkeySignIn(stranger)).rejects.toMatchObject({
      code: 'invalid_credentials',
      detail: expect.stringContaining('not registered'),
    })
    expect(await failures('unknown_passkey')).toHaveLength(1)

    await removePasskey(t.runtime, { user, passkeyId: passkey.id, password: TEST_PASSWORD, meta: TEST_META })
    await expect(passkeySignIn(authenticator)).rejects.toMatchObject({ code: 'invalid_credentials' })
  })

  it('refuses a disabled account, a cloned key whose counter went back, and a ceremony past its five minutes', async () => {
    const { user } = await seedUserWithToken(t.runtime)
    const counting = new SoftAuthenticator({ origin, countsSignatures: true })
    await addPasskey(user, counting)
    await passkeySignIn(counting)
    await passkeySignIn(counting)
    // A clone made before those two sign-ins replays an older counter.
    counting.credentials[0].counter = 1
    await expect(passkeySignIn(counting)).rejects.toMatchObject({ code: 'invalid_credentials' })

    counting.credentials[0].counter = 10
    const late = await startPasskeySignIn(t.runtime, TEST_META)
    await t.runtime.db
      .update(webauthnChallenges)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(webauthnChallenges.id, late.ceremonyId))
    await expect(
      signInWithPasskey(t.runtime, {
        response: counting.assert(late.options),
        ceremonyId: late.ceremonyId,
        meta: TEST_META,
      }),
    ).rejects.toMatchObject({
      code: 'invalid_credentials',
      detail: expect.stringContaining('expired'),
    })

    await t.runtime.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id))
    await expect(passkeySignIn(counting)).rejects.toMatchObject({ code: 'account_disabled' })
    expect(await failures('disabled')).toHaveLength(1)
  })

  it('limits passkey ceremonies per address with RATE_LIMIT_AUTH', async () => {
    const limited = await t.restart({ RATE_LIMIT_AUTH: '2' })
    const from = { ...TEST_META, ip: '198.51.100.9' }
    await startPasskeySignIn(limited, from)
    await startPasskeySignIn(limited, from)
    await expect(startPasskeySignIn(limited, from)).rejects.toMatchObject({ code: 'rate_limited', bucket: 'auth_ip' })
    await expect(startPasskeySignIn(limited, TEST_META)).resolves.toMatchObject({ ceremonyId: expect.any(String) })
  })

  it('refuses an answer whose user handle names someone else', async () => {
    const { user } = await seedUserWithToken(t.runtime)
    const { authenticator } = await addPasskey(user)
    const other = await seedUserWithToken(t.runtime)
    authenticator.credentials[0].userHandle = Buffer.from(other.user.id).toString('base64url')
    await expect(passkeySignIn(authenticator)).rejects.toMatchObject({ code: 'invalid_credentials' })
  })

  it('is the second step after a password, with the user’s own passkeys only', async () => {
    const { user } = await seedUserWithToken(t.runtime)
    const { authenticator } = await addPasskey(user)
    const begun = await beginBrowserSignIn(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: TEST_META })
    expect(begun).toEqual({ pendingUserId: user.id })

    const second = (await startPasskeySecondFactor(t.runtime, user.id))!
    expect(second.options.allowCredentials).toEqual([
      { id: authenticator.credentials[0].id.toString('base64url'), type: 'public-key', transports: ['internal'] },
    ])
    const answer = authenticator.assert(second.options)
    // A ceremony begun for a passkey-only sign-in is not one for this user's second step.
    const signInCeremony = await startPasskeySignIn(t.runtime, TEST_META)
    const factor = (ceremonyId: string) => ({ passkey: { response: answer, ceremonyId } })
    await expect(
      finishBrowserSignIn(t.runtime, { userId: user.id, factor: factor(signInCeremony.ceremonyId), meta: TEST_META }),
    ).rejects.toMatchObject({ code: 'invalid_credentials' })

    const intruder = await seedUserWithToken(t.runtime)
    const intruderKey = await addPasskey(intruder.user)
    const intruderSecond = (await startPasskeySecondFactor(t.runtime, user.id))!
    await expect(
      finishBrowserSignIn(t.runtime, {
        userId: user.id,
        factor: {
          passkey: {
            response: intruderKey.authenticator.assert({ ...intruderSecond.options, allowCredentials: [] }),
            ceremonyId: intruderSecond.ceremonyId,
          },
        },
        meta: TEST_META,
      }),
    ).rejects.toMatchObject({ code: 'invalid_credentials' })

    const again = (await startPasskeySecondFactor(t.runtime, user.id))!
    const session = await finishBrowserSignIn(t.runtime, {
      userId: user.id,
      factor: { passkey: { response: authenticator.assert(again.options), ceremonyId: again.ceremonyId } },
      meta: TEST_META,
    })
    const [row] = await t.runtime.db.select().from(sessions).where(eq(sessions.id, session.id))
    expect(row).toMatchObject({ userId: user.id, authMethod: 'password+passkey' })
    expect(await startPasskeySecondFactor(t.runtime, intruder.user.id)).toBeDefined()
    expect(await startPasskeySecondFactor(t.runtime, (await seedUserWithToken(t.runtime)).user.id)).toBeUndefined()
  })

  it('keeps the API from signing in with the password alone, and satisfies an org that requires two factors', async () => {
    const owner = await seedUserWithToken(t.runtime)
    const member = await seedUserWithToken(t.runtime)
    const org = await seedOrg(t.runtime, owner.user.id, [{ userId: member.user.id, role: 'member' }])
    await addPasskey(owner.user)
    expect(
      await answerOf(
        callRoute(orgRoute.PATCH, '/o', {
          method: 'PATCH',
          token: owner.token,
          params: { org: org.slug },
          body: { require_mfa: true },
        }),
      ),
    ).toMatchObject({ status: 200, require_mfa: true })
    const members = (token: string) => answerOf(callRoute(membersRoute.GET, '/m', { token, params: { org: org.slug } }))
    expect(await members(owner.token)).toMatchObject({ status: 200 })
    expect(await members(member.token)).toMatchObject({ status: 403, code: 'mfa_enrollment_required' })
    await addPasskey(member.user)
    expect(await members(member.token)).toMatchObject({ status: 200 })

    await expect(
      issueTokensForPassword(t.runtime, { email: member.user.email, password: TEST_PASSWORD, meta: TEST_META }),
    ).rejects.toMatchObject({
      code: 'mfa_required',
      detail: expect.stringContaining('passkey'),
    })
  })

  it('renames and removes only the user’s own passkeys; removal is audited', async () => {
    const { user } = await seedUserWithToken(t.runtime)
    const other = await seedUserWithToken(t.runtime)
    const { passkey } = await addPasskey(user)
    await expect(
      renamePasskey(t.runtime.db, { user: other.user, passkeyId: passkey.id, name: 'Mine now' }),
    ).rejects.toMatchObject({ code: 'not_found' })
    await expect(
      removePasskey(t.runtime, { user: other.user, passkeyId: passkey.id, password: TEST_PASSWORD, meta: TEST_META }),
    ).rejects.toMatchObject({ code: 'not_found' })
    expect(await renamePasskey(t.runtime.db, { user, passkeyId: passkey.id, name: 'Work laptop' })).toEqual({
      id: passkey.id,
      name: 'Work laptop',
    })
    await removePasskey(t.runtime, { user, passkeyId: passkey.id, password: TEST_PASSWORD, meta: TEST_META })
    await expect(
      removePasskey(t.runtime, { user, passkeyId: passkey.id, password: TEST_PASSWORD, meta: TEST_META }),
    ).rejects.toMatchObject({
      code: 'not_found',
    })
    const [audit] = await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'auth.passkey.remove'))
    expect(audit).toMatchObject({ actorId: user.id, targetId: passkey.id, meta: { name: 'Work laptop' } })
    expect(await hasSecondFactor(t.runtime.db, user.id)).toBe(false)
  })

  // Attack: a borrowed session takes the owner's passkey away (and with it, their second factor).
  it('removes a passkey only with the current password', async () => {
    const { user } = await seedUserWithToken(t.runtime)
    const { passkey } = await addPasskey(user)
    const remove = (password?: string) =>
      removePasskey(t.runtime, { user, passkeyId: passkey.id, password, meta: TEST_META })
    await expect(remove()).rejects.toMatchObject({ code: 'validation_failed', errors: [{ path: 'password' }] })
    await expect(remove('Wrong-Password-1')).rejects.toMatchObject({ code: 'invalid_credentials' })
    expect(await hasSecondFactor(t.runtime.db, user.id)).toBe(true)
    await remove(TEST_PASSWORD)
    expect(await hasSecondFactor(t.runtime.db, user.id)).toBe(false)
  })

  it('is cleared with the other factors when an admin resets a user’s two-factor sign-in', async () => {
    const admin = await seedUserWithToken(t.runtime, { isAdmin: true })
    const { user } = await seedUserWithToken(t.runtime)
    await addPasskey(user)
    await addPasskey(user)
    expect(
      await answerOf(
        callRoute(resetMfaRoute.POST, '/r', { method: 'POST', token: admin.token, params: { id: user.id } }),
      ),
    ).toEqual({ status: 204 })
    expect(await findPasskeysOfUser(t.runtime.db, user.id)).toHaveLength(0)
    const [audit] = await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'auth.mfa.disable'))
    expect(audit).toMatchObject({ targetId: user.id, meta: { reset_by_admin: true, passkeys_removed: 2 } })
  })
})
