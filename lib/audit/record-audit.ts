import 'server-only'
import { desc, sql } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { auditLog } from '@/db/schema'
import { GENESIS_HASH, chainHash } from './chain'
import type { AuditEvent } from './types'

// Serialises appends across every instance: each row must see the hash of the one before it.
const AUDIT_CHAIN_LOCK = 0x6761_7465_6175_64n // "gateaud"

/**
 * Appends one event to the hash chain. Call it with the transaction that makes the change it
 * records, so the change and its audit row commit or roll back together.
 */
export async function recordAudit(tx: Executor, event: AuditEvent): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK.toString()}::bigint)`)
  const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1)
  const fields = {
    id: crypto.randomUUID(),
    seq: (last?.seq ?? 0) + 1,
    at: new Date(),
    action: event.action,
    outcome: event.outcome ?? 'success',
    actorType: event.actor.type,
    actorId: event.actor.id ?? null,
    actorEmail: event.actor.email ?? null,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    orgId: event.orgId ?? null,
    ip: event.meta.ip,
    userAgent: event.meta.userAgent,
    meta: event.details ?? {},
    prevHash: last?.hash ?? GENESIS_HASH,
  }
  await tx.insert(auditLog).values({ ...fields, hash: chainHash(fields) })
}

/** Records an event that changes nothing else (a failed sign-in) in a transaction of its own. */
export async function recordAuditAlone(db: Executor, event: AuditEvent): Promise<void> {
  await db.transaction((tx) => recordAudit(tx, event))
}
