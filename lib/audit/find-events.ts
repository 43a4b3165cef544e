import 'server-only'
import { and, asc, desc, eq, gt, gte, lt, lte, type SQL, sql } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { type AuditRow, auditLog } from '@/db/schema'
import type { AuditFilters } from './schemas'

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

/** The filters, and for a page after the first, only events older than where the last one ended. */
function pageCondition(filters: AuditFilters, before: number | undefined): SQL | undefined {
  return and(...conditionsOf(filters), before === undefined ? undefined : lt(auditLog.seq, before))
}

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
    .where(pageCondition(filters, page.before))
    .orderBy(desc(auditLog.seq))
    .limit(page.limit + 1)
  const items = rows.slice(0, page.limit)
  return { items, nextBefore: rows.length > page.limit ? items[items.length - 1].seq : null }
}

/**
 * The same page, with PostgreSQL writing its items as the JSON the API answers (auditEventJson's
 * shape): Node neither parses the rows nor stringifies them, which is most of a page's cost.
 */
export async function findAuditPageJson(
  db: Executor,
  filters: AuditFilters,
  page: { limit: number; before?: number },
): Promise<{ itemsJson: string; nextBefore: number | null }> {
  const matching = db
    .select({ ...EVENT_COLUMNS, n: sql<number>`row_number() over (order by ${auditLog.seq} desc)`.as('n') })
    .from(auditLog)
    .where(pageCondition(filters, page.before))
    .orderBy(desc(auditLog.seq))
    .limit(page.limit + 1)
    .as('matching')
  const m = matching
  const [result] = await db
    .select({
      itemsJson: sql<string>`coalesce(json_agg(json_build_object(
        'id', ${m.id},
        'at', to_char(${m.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'action', ${m.action},
        'outcome', ${m.outcome},
        'actor', case when ${m.actorEmail} is null
          then json_build_object('type', ${m.actorType}, 'id', ${m.actorId})
          else json_build_object('type', ${m.actorType}, 'id', ${m.actorId}, 'email', ${m.actorEmail}) end,
        'target', json_build_object('type', ${m.targetType}, 'id', ${m.targetId}),
        'org_id', ${m.orgId},
        'ip', ${m.ip},
        'user_agent', ${m.userAgent},
        'meta', ${m.meta}
      ) order by ${m.seq} desc) filter (where ${m.n} <= ${page.limit}), '[]')::text`,
      more: sql<boolean>`count(*) > ${page.limit}`,
      last: sql<string | null>`min(${m.seq}) filter (where ${m.n} <= ${page.limit})`,
    })
    .from(matching)
  return { itemsJson: result.itemsJson, nextBefore: result.more && result.last !== null ? Number(result.last) : null }
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
