import 'server-only'
import { desc, sql } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { auditLog } from '@/db/schema'
import { chainHash, GENESIS_HASH } from './chain'
import type { AuditEvent } from './types'

// Serialises appends across every instance: each row must see the hash of the one before it.
const AUDIT_CHAIN_LOCK = 0x6761_7465_6175_64n // "gateaud"

function rowsFor(events: AuditEvent[], last: { seq: number; hash: string } | undefined) {
  let previous = { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH }
  return events.map((event) => {
    const fields = {
      id: crypto.randomUUID(),
      seq: previous.seq + 1,
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
      prevHash: previous.hash,
    }
    const row = { ...fields, hash: chainHash(fields) }
    previous = row
    return row
  })
}

/** Appends events, in order, to the hash chain inside the caller's transaction. */
async function appendEvents(tx: Executor, events: AuditEvent[]): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK.toString()}::bigint)`)
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1)
  await tx.insert(auditLog).values(rowsFor(events, last))
}

/**
 * Appends one event to the hash chain. Call it with the transaction that makes the change it
 * records, so the change and its audit row commit or roll back together.
 */
export async function recordAudit(tx: Executor, event: AuditEvent): Promise<void> {
  await appendEvents(tx, [event])
}

interface Waiting {
  event: AuditEvent
  done: (error?: unknown) => void
}

const queues = new WeakMap<Executor, { waiting: Waiting[]; flushing: boolean }>()
const MAX_BATCH = 500

/**
 * Group commit: events that arrive while an append is committing go into the next one, together.
 * The chain needs one writer at a time, so one transaction (one lock, one fsync) per batch instead
 * of per event is what lets audited reads run concurrently. Each caller still waits until its own
 * event is committed; an event that fails is retried alone, so it cannot sink the others.
 */
async function flush(db: Executor, queue: { waiting: Waiting[]; flushing: boolean }) {
  queue.flushing = true
  try {
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0, MAX_BATCH)
      try {
        await db.transaction((tx) =>
          appendEvents(
            tx,
            batch.map((waiting) => waiting.event),
          ),
        )
        for (const waiting of batch) waiting.done()
      } catch (error) {
        if (batch.length === 1) batch[0].done(error)
        else
          for (const waiting of batch)
            await db.transaction((tx) => appendEvents(tx, [waiting.event])).then(() => waiting.done(), waiting.done)
      }
    }
  } finally {
    queue.flushing = false
  }
}

/** Records an event that changes nothing else (a failed sign-in, a secret read); resolves once it is committed. */
export function recordAuditAlone(db: Executor, event: AuditEvent): Promise<void> {
  let queue = queues.get(db)
  if (!queue) {
    queue = { waiting: [], flushing: false }
    queues.set(db, queue)
  }
  const current = queue
  return new Promise((resolve, reject) => {
    current.waiting.push({ event, done: (error) => (error === undefined ? resolve() : reject(error)) })
    if (!current.flushing) void flush(db, current)
  })
}
