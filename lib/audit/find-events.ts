import 'server-only'
import { and, asc, desc, eq, gt, gte, lt, lte, type SQL } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { type AuditRow, auditLog } from '@/db/schema'

/** What a reader sees of an event: everything but the chain's hashes. */
const EVENT_COLUMNS = {
  id: auditLog.id,
  seq: auditLog.seq,
  at: auditLog.at,
  action: auditLog.action,
  outcome: auditLog.outcome,
  actorType: auditLog.actorType,
  actorId: auditLog.actorId,
  actorEmail: auditLog.actorEmail,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  orgId: auditLog.orgId,
  ip: auditLog.ip,
  userAgent: auditLog.userAgent,
  meta: auditLog.meta,
}

export type AuditEventRow = Omit<AuditRow, 'prevHash' | 'hash'>

import type { AuditFilters } from './schemas'

function conditionsOf(filters: AuditFilters): SQL[] {
  const conditions: (SQL | undefined)[] = [
    filters.orgId ? eq(auditLog.orgId, filters.orgId) : undefined,
    filters.action ? eq(auditLog.action, filters.action) : undefined,
    filters.actorId ? eq(auditLog.actorId, filters.actorId) : undefined,
    filters.targetId ? eq(auditLog.targetId, filters.targetId) : undefined,
    filters.outcome ? eq(auditLog.outcome, filters.outcome) : undefined,
    filters.since ? gte(auditLog.at, filters.since) : undefined,
    filters.until ? lte(auditLog.at, filters.until) : undefined,
  ]
  return conditions.filter((condition) => condition !== undefined)
}

/**
 * One page, newest first, of the events that match; `before` is the seq the previous page ended
 * on. Fetches limit + 1 rows: the extra one only says whether there is another page.
 */
export async function findAuditEvents(
  db: Executor,
  filters: AuditFilters,
  page: { limit: number; before?: number },
): Promise<{ items: AuditEventRow[]; nextBefore: number | null }> {
  const rows = await db
    .select(EVENT_COLUMNS)
    .from(auditLog)
    .where(and(...conditionsOf(filters), page.before === undefined ? undefined : lt(auditLog.seq, page.before)))
    .orderBy(desc(auditLog.seq))
    .limit(page.limit + 1)
  const items = rows.slice(0, page.limit)
  return { items, nextBefore: rows.length > page.limit ? items[items.length - 1].seq : null }
}

const EXPORT_BATCH = 1000

/** Every matching event, oldest first, read a batch at a time: an export never holds the whole log. */
export async function* auditEventsInOrder(db: Executor, filters: AuditFilters): AsyncGenerator<AuditEventRow> {
  let after = 0
  for (;;) {
    const rows = await db
      .select(EVENT_COLUMNS)
      .from(auditLog)
      .where(and(...conditionsOf(filters), gt(auditLog.seq, after)))
      .orderBy(asc(auditLog.seq))
      .limit(EXPORT_BATCH)
    yield* rows
    if (rows.length < EXPORT_BATCH) return
    after = rows[rows.length - 1].seq
  }
}
