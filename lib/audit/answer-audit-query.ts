import 'server-only'
import { decodeKeysetCursor, encodeKeysetCursor } from '@/lib/http/pagination'
import type { Runtime } from '@/lib/runtime'
import { exportAuditEvents } from './export-events'
import { findAuditPageJson } from './find-events'
import { recordAuditAlone } from './record-audit'
import { type AuditQuery, filtersOf } from './schemas'
import type { AuditActor, RequestMeta } from './types'

interface AuditScope {
  /** The org whose log this is; none for the instance-wide log. */
  org?: { id: string; slug: string }
  actor: AuditActor
  meta: RequestMeta
}

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', jsonl: 'application/x-ndjson; charset=utf-8' }

/** A page of the log as JSON, or with format=csv|jsonl the whole filtered log as a streamed download (audited). */
export async function answerAuditQuery(runtime: Runtime, query: AuditQuery, scope: AuditScope): Promise<Response> {
  const filters = filtersOf(query, scope.org?.id)
  if (query.format === 'json') {
    const page = await findAuditPageJson(runtime.db, filters, {
      limit: query.limit,
      before: decodeKeysetCursor(query.cursor),
    })
    const nextCursor = page.nextBefore === null ? null : encodeKeysetCursor(page.nextBefore)
    return new Response(`{"items":${page.itemsJson},"next_cursor":${JSON.stringify(nextCursor)}}`, {
      headers: { 'Content-Type': 'application/json' },
    })
  }
  const { limit: _limit, cursor: _cursor, format, ...applied } = query
  await recordAuditAlone(runtime.db, {
    action: 'audit.export',
    actor: scope.actor,
    orgId: scope.org?.id ?? null,
    meta: scope.meta,
    details: { format, filters: applied },
  })
  const day = new Date().toISOString().slice(0, 10)
  const filename = `gatehouse-audit-${scope.org?.slug ?? 'instance'}-${day}.${format}`
  return new Response(exportAuditEvents(runtime.db, filters, format), {
    headers: {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="${filename}"`,
    },
  })
}
