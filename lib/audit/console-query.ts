import { type AuditQuery, auditQuerySchema } from './schemas'

/** The filters a console page keeps in its address, under the API's own names. */
export const CONSOLE_FILTERS = ['action', 'actor_id', 'target_id', 'outcome', 'since', 'until'] as const

const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/

/** A datetime-local field's value is read as UTC, the zone every console time is shown in. */
function asUtc(value: string | undefined): string | undefined {
  if (!value) return undefined
  return LOCAL_DATETIME.test(value) ? `${value.length === 16 ? `${value}:00` : value}Z` : value
}

/** For a datetime-local field: "2026-12-01T10:30" from an ISO time. */
export function toLocalInput(iso: string | undefined): string {
  return iso ? new Date(iso).toISOString().slice(0, 16) : ''
}

export interface ConsoleAuditQuery {
  query: AuditQuery
  /** Why the filters in the address could not be used (the page then shows every event). */
  refusal?: string
  /** The filters as the API takes them, for export links and paging. */
  filterParams: URLSearchParams
}

/** A console page's search parameters as an audit query: empty fields dropped, times as UTC, 50 a page. */
export function parseConsoleAuditQuery(searchParams: Record<string, string | string[] | undefined>): ConsoleAuditQuery {
  const given: Record<string, string> = {}
  for (const name of [...CONSOLE_FILTERS, 'cursor']) {
    const value = searchParams[name]
    const text = Array.isArray(value) ? value[0] : value
    if (text?.trim()) given[name] = name === 'since' || name === 'until' ? (asUtc(text.trim()) ?? '') : text.trim()
  }
  const parsed = auditQuerySchema.safeParse({ ...given, limit: 50, format: 'json' })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return {
      query: auditQuerySchema.parse({ limit: 50 }),
      refusal: `${String(issue?.path[0] ?? 'filter').replace('_', ' ')}: ${issue?.message}`,
      filterParams: new URLSearchParams(),
    }
  }
  const filterParams = new URLSearchParams()
  for (const name of CONSOLE_FILTERS) if (parsed.data[name]) filterParams.set(name, String(parsed.data[name]))
  return { query: parsed.data, filterParams }
}
