import 'server-only'
import type { Executor } from '@/db/client'
import { auditEventJson } from './event-json'
import { type AuditEventRow, auditEventsInOrder } from './find-events'
import type { AuditFilters } from './schemas'

export const CSV_COLUMNS = [
  'id',
  'at',
  'action',
  'outcome',
  'actor_type',
  'actor_id',
  'actor_email',
  'target_type',
  'target_id',
  'org_id',
  'ip',
  'user_agent',
  'meta',
] as const

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/

/** One CSV cell: a formula-looking value is prefixed with ', then anything with a quote, comma or line break is quoted. */
export function csvCell(value: string | null): string {
  if (value === null) return ''
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

function csvLine(row: AuditEventRow): string {
  const cells = [
    row.id,
    row.at.toISOString(),
    row.action,
    row.outcome,
    row.actorType,
    row.actorId,
    row.actorEmail,
    row.targetType,
    row.targetId,
    row.orgId,
    row.ip,
    row.userAgent,
    JSON.stringify(row.meta),
  ]
  return `${cells.map(csvCell).join(',')}\r\n`
}

const jsonLine = (row: AuditEventRow) => `${JSON.stringify(auditEventJson(row))}\n`

/**
 * The matching events as CSV (with a header row) or JSON lines, oldest first. A pull stream: the
 * next batch is read from the database only when the client has taken the last one.
 */
export function exportAuditEvents(db: Executor, filters: AuditFilters, format: 'csv' | 'jsonl') {
  const rows = auditEventsInOrder(db, filters)
  const encoder = new TextEncoder()
  const line = format === 'csv' ? csvLine : jsonLine
  let headerSent = format !== 'csv'
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true
        controller.enqueue(encoder.encode(`${CSV_COLUMNS.join(',')}\r\n`))
        return
      }
      const chunk: string[] = []
      for (let next = await rows.next(); ; next = await rows.next()) {
        if (next.done) {
          if (chunk.length > 0) controller.enqueue(encoder.encode(chunk.join('')))
          controller.close()
          return
        }
        chunk.push(line(next.value))
        if (chunk.length === 200) break
      }
      controller.enqueue(encoder.encode(chunk.join('')))
    },
    async cancel() {
      await rows.return(undefined)
    },
  })
}
