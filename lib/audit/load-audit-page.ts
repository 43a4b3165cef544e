import 'server-only'
import { isAppError } from '@/lib/errors'
import { decodeKeysetCursor, encodeKeysetCursor } from '@/lib/http/pagination'
import type { Runtime } from '@/lib/runtime'
import { type ConsoleAuditQuery, parseConsoleAuditQuery } from './console-query'
import { findAuditEvents } from './find-events'
import { filtersOf } from './schemas'

/** A console audit page's events for the filters in its address; filters it cannot use show every event, said so. */
export async function loadAuditPage(
  runtime: Runtime,
  searchParams: Record<string, string | string[] | undefined>,
  orgId?: string,
) {
  let parsed: ConsoleAuditQuery = parseConsoleAuditQuery(searchParams)
  let before: number | undefined
  try {
    before = decodeKeysetCursor(parsed.query.cursor)
  } catch (error) {
    if (!isAppError(error)) throw error
    parsed = { ...parsed, query: { ...parsed.query, cursor: undefined }, refusal: 'the page link is not valid' }
  }
  const page = await findAuditEvents(runtime.db, filtersOf(parsed.query, orgId), { limit: parsed.query.limit, before })
  return {
    parsed,
    events: page.items,
    nextCursor: page.nextBefore === null ? null : encodeKeysetCursor(page.nextBefore),
  }
}
