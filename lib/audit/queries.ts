import 'server-only'
import { desc, eq, sql } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { auditLog } from '@/db/schema'

/** The newest events a user caused, for their own overview. */
export async function findRecentEventsByActor(db: Executor, actorId: string, limit = 8) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      outcome: auditLog.outcome,
      ip: auditLog.ip,
      userAgent: auditLog.userAgent,
      reason: sql<string | null>`${auditLog.meta}->>'reason'`,
    })
    .from(auditLog)
    .where(eq(auditLog.actorId, actorId))
    .orderBy(desc(auditLog.seq))
    .limit(limit)
}

export type RecentEvent = Awaited<ReturnType<typeof findRecentEventsByActor>>[number]

/** When and what an event was, to name it (the first bad event of a broken chain). */
export async function findAuditEventSummary(db: Executor, id: string) {
  const [event] = await db
    .select({ id: auditLog.id, seq: auditLog.seq, at: auditLog.at, action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.id, id))
  return event
}
