/**
 * Attacks: guessing passwords (every failure audited, unknown e-mails indistinguishable), stolen
 * database rows (only hashes stored), and a revoked session that keeps working.
 */
import { hash as bcryptHash } from '@node-rs/bcrypt'
import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { auditLog, sessions, users } from '@/db/schema'
import { sha256Hex } from '@/lib/crypto/hash'
import { endSession } from '@/lib/sessions/end-session'
import { verifySession } from '@/lib/sessions/verify-session'
import { seedUser, TEST_META, TEST_PASSWORD } from '@/lib/testing/fixtures'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { signInWithPassword } from './sign-in'

describe('password sign-in (browser)', () => {
  let t: TestRuntime
  beforeEach(async () => {
    t = await createTestRuntime()
  })
  afterEach(() => t.cleanup())

  const loginFailures = () =>
    t.runtime.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.login'), eq(auditLog.outcome, 'failure')))

  it('creates a database session whose cookie value is stored only as a hash', async () => {
    const user = await seedUser(t.runtime)
    const session = await signInWithPassword(t.runtime, {
      email: user.email.toUpperCase(),
      password: TEST_PASSWORD,
      meta: TEST_META,
    })
    const [row] = await t.runtime.db.select().from(sessions)
    expect(row.sessionToken).toBe(sha256Hex(session.token))
    expect(JSON.stringify(row)).not.toContain(session.token)
    expect(row).toMatchObject({
      userId: user.id,
      ip: TEST_META.ip,
      userAgent: TEST_META.userAgent,
      authMethod: 'password',
    })
    expect(await verifySession(t.runtime.db, session.token)).toMatchObject({
      sessionId: row.id,
      user: { id: user.id, email: user.email },
    })
    const [success] = await t.runtime.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.login'), eq(auditLog.outcome, 'success')))
    expect(success).toMatchObject({ actorId: user.id, targetId: row.id, ip: TEST_META.ip })
  })

  it('answers invalid_credentials alike for a wrong password and an unknown e-mail, auditing both', async () => {
    const user = await seedUser(t.runtime)
    await expect(
      signInWithPassword(t.runtime, { email: user.email, password: 'Wrong-Password-1', meta: TEST_META }),
    ).rejects.toMatchObject({
      code: 'invalid_credentials',
      status: 401,
      detail: 'The e-mail address or password is incorrect.',
    })
    await expect(
      signInWithPassword(t.runtime, { email: 'nobody@example.com', password: TEST_PASSWORD, meta: TEST_META }),
    ).rejects.toMatchObject({
      code: 'invalid_credentials',
      detail: 'The e-mail address or password is incorrect.',
    })
    const failures = await loginFailures()
    expect(failures.map((row) => row.meta.reason).sort()).toEqual(['unknown_user', 'wrong_password'])
    expect(failures.find((row) => row.meta.reason === 'unknown_user')).toMatchObject({
      actorType: 'anonymous',
      actorEmail: 'nobody@example.com',
    })
    expect(await t.runtime.db.select().from(sessions)).toHaveLength(0)
  })

  it('refuses a disabled account after the password is checked', async () => {
    const user = await seedUser(t.runtime)
    await t.runtime.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id))
    await expect(
      signInWithPassword(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: TEST_META }),
    ).rejects.toMatchObject({ code: 'account_disabled' })
    await expect(
      signInWithPassword(t.runtime, { email: user.email, password: 'Wrong-Password-1', meta: TEST_META }),
    ).rejects.toMatchObject({ code: 'invalid_credentials' })
  })

  it('accepts a bcrypt hash from another system once and replaces it with argon2id', async () => {
    const user = await seedUser(t.runtime, { passwordHash: await bcryptHash('Imported-Pass-1!', { cost: 10 }) })
    await signInWithPassword(t.runtime, { email: user.email, password: 'Imported-Pass-1!', meta: TEST_META })
    const [stored] = await t.runtime.db.select().from(users).where(eq(users.id, user.id))
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(stored.lastLoginAt).toBeInstanceOf(Date)
    await signInWithPassword(t.runtime, { email: user.email, password: 'Imported-Pass-1!', meta: TEST_META })
  })

  it('signs a browser out on its next request once the session row is deleted', async () => {
    const user = await seedUser(t.runtime)
    const session = await signInWithPassword(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: TEST_META })
    await t.runtime.db.delete(sessions).where(eq(sessions.userId, user.id))
    expect(await verifySession(t.runtime.db, session.token)).toBeNull()
  })

  it('ends expired sessions, sessions of disabled users, and sessions signed out', async () => {
    const user = await seedUser(t.runtime)
    const first = await signInWithPassword(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: TEST_META })
    await t.runtime.db
      .update(sessions)
      .set({ expires: new Date(Date.now() - 1000) })
      .where(eq(sessions.sessionToken, sha256Hex(first.token)))
    expect(await verifySession(t.runtime.db, first.token)).toBeNull()

    const second = await signInWithPassword(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: TEST_META })
    await t.runtime.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id))
    expect(await verifySession(t.runtime.db, second.token)).toBeNull()
    await t.runtime.db.update(users).set({ disabledAt: null }).where(eq(users.id, user.id))

    await endSession(t.runtime.db, second.token, TEST_META)
    expect(await verifySession(t.runtime.db, second.token)).toBeNull()
    expect(await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'auth.logout'))).toHaveLength(1)
    expect(await verifySession(t.runtime.db, 'forged-cookie-value')).toBeNull()
  })
})
