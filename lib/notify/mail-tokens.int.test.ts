/**
 * The tokens in mail links: stored hashed, single use, for one purpose only, expiring, and a newer
 * reset or verification mail voiding the one before it. The attacks: a replayed link, a token
 * from a verification mail presented as a reset, a guessed or truncated token, a copy of the table.
 */
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mailTokens, users } from '@/db/schema'
import { seedUser } from '@/lib/testing/fixtures'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { issueMailToken, spendMailToken } from './mail-tokens'

describe('mail tokens', () => {
  let t: TestRuntime
  beforeEach(async () => {
    t = await createTestRuntime()
  })
  afterEach(() => t.cleanup())

  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'accepted',
      (error: { code?: string }) => error.code,
    )

  it('is kept only as a hash and works once, for its own purpose', async () => {
    const user = await seedUser(t.runtime)
    const token = await issueMailToken(t.runtime.db, { userId: user.id, purpose: 'password_reset', ttlSeconds: 1800 })
    expect(token).toMatch(/^[\w-]{43}$/)
    expect(JSON.stringify(await t.runtime.db.select().from(mailTokens))).not.toContain(token)
    expect(await refusal(spendMailToken(t.runtime.db, { token, purpose: 'email_verify' }))).toBe('invalid_token')
    expect(await spendMailToken(t.runtime.db, { token, purpose: 'password_reset' })).toEqual({ userId: user.id })
    expect(await refusal(spendMailToken(t.runtime.db, { token, purpose: 'password_reset' }))).toBe('invalid_token')
  })

  it('refuses an expired, guessed, truncated or enormous token alike', async () => {
    const user = await seedUser(t.runtime)
    const token = await issueMailToken(t.runtime.db, { userId: user.id, purpose: 'email_verify', ttlSeconds: 60 })
    for (const guess of ['', token.slice(0, -1), `${token}A`, 'A'.repeat(43), 'x'.repeat(100_000), `${token}\u0000`])
      expect(await refusal(spendMailToken(t.runtime.db, { token: guess, purpose: 'email_verify' }))).toBe(
        'invalid_token',
      )
    await t.runtime.db.update(mailTokens).set({ expiresAt: new Date(Date.now() - 1000) })
    expect(await refusal(spendMailToken(t.runtime.db, { token, purpose: 'email_verify' }))).toBe('invalid_token')
  })

  it('voids the previous reset link when a new one is sent, but keeps every report link', async () => {
    const user = await seedUser(t.runtime)
    const issue = (purpose: 'password_reset' | 'report') =>
      issueMailToken(t.runtime.db, {
        userId: user.id,
        purpose,
        ttlSeconds: 600,
        ...(purpose === 'report' ? { target: { type: 'session', id: crypto.randomUUID() } } : {}),
      })
    const first = await issue('password_reset')
    const second = await issue('password_reset')
    expect(await refusal(spendMailToken(t.runtime.db, { token: first, purpose: 'password_reset' }))).toBe(
      'invalid_token',
    )
    expect((await spendMailToken(t.runtime.db, { token: second, purpose: 'password_reset' })).userId).toBe(user.id)
    const [reportA, reportB] = [await issue('report'), await issue('report')]
    const spentA = await spendMailToken(t.runtime.db, { token: reportA, purpose: 'report' })
    expect(spentA.target).toMatchObject({ type: 'session' })
    expect((await spendMailToken(t.runtime.db, { token: reportB, purpose: 'report' })).userId).toBe(user.id)
  })

  it('goes with its user', async () => {
    const user = await seedUser(t.runtime)
    await issueMailToken(t.runtime.db, { userId: user.id, purpose: 'report', ttlSeconds: 600 })
    await t.runtime.db.delete(users).where(eq(users.id, user.id))
    expect(await t.runtime.db.select().from(mailTokens)).toHaveLength(0)
  })
})
