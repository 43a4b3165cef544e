/**
 * Attack: someone with database access edits or deletes audit rows to hide what they did.
 * The hash chain must expose the first row that no longer fits.
 */
import { eq, sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { auditLog } from '@/db/schema'
import { createMigratedDatabase } from '@/lib/testing/db'
import { recordAudit, recordAuditAlone } from './record-audit'
import type { AuditEvent } from './types'
import { verifyAuditChain } from './verify-audit-chain'

const event = (n: number): AuditEvent => ({
  action: 'auth.login',
  actor: { type: 'user', id: `user-${n}`, email: `u${n}@example.com` },
  target: { type: 'session', id: `s-${n}` },
  meta: { ip: '203.0.113.1', userAgent: 'test' },
  details: { n, nested: { z: 1, a: [n] } },
})

describe('audit log chain', () => {
  let ctx: Awaited<ReturnType<typeof createMigratedDatabase>>
  beforeEach(async () => {
    ctx = await createMigratedDatabase()
    for (let n = 1; n <= 5; n++) await recordAuditAlone(ctx.db, event(n))
  })
  afterEach(() => ctx.handle.drop())

  const rows = () => ctx.db.select().from(auditLog).orderBy(auditLog.seq)

  it('links every row to the one before and verifies', async () => {
    const all = await rows()
    expect(all.map((row) => row.seq)).toEqual([1, 2, 3, 4, 5])
    for (let i = 1; i < all.length; i++) expect(all[i].prevHash).toBe(all[i - 1].hash)
    expect(await verifyAuditChain(ctx.db)).toEqual({ ok: true, checked: 5 })
  })

  it('detects an edited row', async () => {
    const third = (await rows())[2]
    await ctx.db.update(auditLog).set({ actorId: 'someone-else' }).where(eq(auditLog.id, third.id))
    expect(await verifyAuditChain(ctx.db)).toEqual({ ok: false, checked: 2, firstBadId: third.id })
  })

  it('detects an edited detail inside meta', async () => {
    const second = (await rows())[1]
    await ctx.db
      .update(auditLog)
      .set({ meta: { n: 99 } })
      .where(eq(auditLog.id, second.id))
    expect((await verifyAuditChain(ctx.db)).firstBadId).toBe(second.id)
  })

  it('detects a deleted row at the row after it', async () => {
    const all = await rows()
    await ctx.db.delete(auditLog).where(eq(auditLog.id, all[1].id))
    expect(await verifyAuditChain(ctx.db)).toEqual({ ok: false, checked: 1, firstBadId: all[2].id })
  })

  it('detects a row whose hash was recomputed without its link', async () => {
    const all = await rows()
    await ctx.db
      .update(auditLog)
      .set({ prevHash: '0'.repeat(64) })
      .where(eq(auditLog.id, all[3].id))
    expect((await verifyAuditChain(ctx.db)).firstBadId).toBe(all[3].id)
  })

  it('rolls the audit row back with the change it records', async () => {
    await expect(
      ctx.db.transaction(async (tx) => {
        await recordAudit(tx, event(6))
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    const [{ count }] = await ctx.db.select({ count: sql<number>`count(*)::int` }).from(auditLog)
    expect(count).toBe(5)
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true)
  })

  it('keeps one unbroken chain under concurrent writers', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => recordAuditAlone(ctx.db, event(10 + i))))
    expect(await verifyAuditChain(ctx.db)).toEqual({ ok: true, checked: 15 })
  })

  it('commits concurrent events in batches that keep the chain whole, and a bad event fails alone', async () => {
    const concurrent = Array.from({ length: 60 }, (_, i) => recordAuditAlone(ctx.db, event(100 + i)))
    // Not JSON: its batch fails, is retried one by one, and only this event is refused.
    const poisoned = expect(recordAuditAlone(ctx.db, { ...event(999), details: { amount: 10n } })).rejects.toThrow(
      /BigInt/,
    )
    const more = Array.from({ length: 20 }, (_, i) => recordAuditAlone(ctx.db, event(200 + i)))
    await Promise.all([...concurrent, ...more])
    await poisoned
    const all = await rows()
    expect(all).toHaveLength(5 + 60 + 20)
    expect(all.map((row) => row.seq)).toEqual(Array.from({ length: 85 }, (_, i) => i + 1))
    expect(new Set(all.map((row) => (row.meta as { n: number }).n)).size).toBe(85)
    expect(await verifyAuditChain(ctx.db)).toEqual({ ok: true, checked: 85 })
  })
})
