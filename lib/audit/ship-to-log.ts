import 'server-only'
import { asc, eq, gt } from 'drizzle-orm'
import { auditLog, auditLogShipped } from '@/db/schema'
import type { Runtime } from '@/lib/runtime'
import { auditEventJson } from './event-json'

const BATCH = 500
const INTERVAL_MS = 1000
const WARN_EVERY_MS = 60_000

/**
 * Writes committed audit events that no instance has logged yet to the server log, one JSON line
 * each (`audit` holds the event as the API shows it), so `docker logs` and log shippers see the
 * trail. Reading the table, not the writers, means a rolled-back change is never logged; the row
 * lock on the cursor means that of several instances one logs each batch. Returns how many it logged.
 */
export async function shipAuditEvents(runtime: Runtime): Promise<number> {
  return runtime.db.transaction(async (tx) => {
    const [cursor] = await tx
      .select()
      .from(auditLogShipped)
      .where(eq(auditLogShipped.id, 1))
      .for('update', { skipLocked: true })
    if (!cursor) return 0
    const rows = await tx
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, cursor.seq))
      .orderBy(asc(auditLog.seq))
      .limit(BATCH)
    if (rows.length === 0) return 0
    for (const row of rows) runtime.log.info({ audit: auditEventJson(row), seq: row.seq }, 'audit event')
    await tx
      .update(auditLogShipped)
      .set({ seq: rows[rows.length - 1].seq })
      .where(eq(auditLogShipped.id, 1))
    return rows.length
  })
}

/** Ships every second while the server runs; a failure is logged at most once a minute. */
export function startShippingAuditEvents(runtime: Runtime): () => void {
  let lastWarning = 0
  let running = false
  const timer = setInterval(async () => {
    if (running) return
    running = true
    try {
      while ((await shipAuditEvents(runtime)) === BATCH) {}
    } catch (error) {
      if (Date.now() - lastWarning > WARN_EVERY_MS) {
        lastWarning = Date.now()
        runtime.log.warn({ err: error }, 'audit events could not be written to the server log; retrying')
      }
    } finally {
      running = false
    }
  }, INTERVAL_MS)
  timer.unref()
  return () => clearInterval(timer)
}
