import { CircleAlert, Download } from 'lucide-react'
import Link from 'next/link'
import { ConsoleTable, TwoLineCell } from '@/components/console/console-table'
import { Alert, AlertDescription } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { NativeSelect } from '@/components/ui/native-select'
import { TableCell, TableRow } from '@/components/ui/table'
import { AUDIT_ACTION_LABELS, actionLabel } from '@/lib/audit/actions'
import { type ConsoleAuditQuery, toLocalInput } from '@/lib/audit/console-query'
import type { AuditEventRow } from '@/lib/audit/find-events'
import { describeUserAgent, formatDateTime } from '@/lib/format'
import { AuditEventDetails, type AuditEventView } from './audit-event-details'

function actorOf(row: AuditEventRow): string {
  if (row.actorType === 'api_key') return `${row.actorEmail ?? 'unknown user'} (API key)`
  if (row.actorType === 'user') return row.actorEmail ?? row.actorId ?? 'unknown user'
  return row.actorType
}

function metaValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2)
}

function viewOf(row: AuditEventRow): AuditEventView {
  return {
    id: row.id,
    seq: row.seq,
    at: formatDateTime(row.at),
    action: row.action,
    label: actionLabel(row.action),
    outcome: row.outcome,
    actor: `${actorOf(row)}${row.actorId ? ` · ${row.actorId}` : ''}`,
    target: row.targetType ? `${row.targetType} ${row.targetId ?? ''}`.trim() : '—',
    ip: row.ip ?? '—',
    device: describeUserAgent(row.userAgent),
    userAgent: row.userAgent ?? '',
    meta: Object.entries(row.meta).map(([key, value]) => [key.replaceAll('_', ' '), metaValue(value)]),
  }
}

const withParams = (path: string, params: URLSearchParams) => (params.size > 0 ? `${path}?${params}` : path)

/**
 * An audit log page's body: filters kept in the address (a GET form), exports of exactly the
 * filtered view, the events newest first and a keyset pager.
 */
export function AuditLog({
  pagePath,
  apiPath,
  parsed,
  events,
  nextCursor,
}: {
  pagePath: string
  apiPath: string
  parsed: ConsoleAuditQuery
  events: AuditEventRow[]
  nextCursor: string | null
}) {
  const { query, filterParams, refusal } = parsed
  const exportHref = (format: 'csv' | 'jsonl') => {
    const params = new URLSearchParams(filterParams)
    params.set('format', format)
    return `${apiPath}?${params}`
  }
  const olderHref = nextCursor
    ? withParams(pagePath, new URLSearchParams([...filterParams, ['cursor', nextCursor]]))
    : undefined
  return (
    <div className="grid gap-4">
      <form
        action={pagePath}
        className="grid items-end gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_minmax(0,1.3fr)_minmax(0,1.3fr)]"
        aria-label="Filter events"
      >
        <div className="grid gap-1.5">
          <Label htmlFor="audit-action">Action</Label>
          <NativeSelect id="audit-action" name="action" defaultValue={query.action ?? ''}>
            <option value="">Every action</option>
            {Object.entries(AUDIT_ACTION_LABELS).map(([action, label]) => (
              <option key={action} value={action}>
                {label} ({action})
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-outcome">Outcome</Label>
          <NativeSelect id="audit-outcome" name="outcome" defaultValue={query.outcome ?? ''}>
            <option value="">Any outcome</option>
            <option value="success">Success</option>
            <option value="failure">Failure</option>
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-actor">Actor id</Label>
          <Input id="audit-actor" name="actor_id" defaultValue={query.actor_id ?? ''} autoComplete="off" />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-since">From (UTC)</Label>
          <Input id="audit-since" name="since" type="datetime-local" defaultValue={toLocalInput(query.since)} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-until">To (UTC)</Label>
          <Input id="audit-until" name="until" type="datetime-local" defaultValue={toLocalInput(query.until)} />
        </div>
        {query.target_id && <input type="hidden" name="target_id" value={query.target_id} />}
        <div className="col-span-full flex flex-wrap gap-2">
          <Button type="submit">Apply filters</Button>
          {filterParams.size > 0 && (
            <Button variant="ghost" asChild>
              <Link href={pagePath}>Clear</Link>
            </Button>
          )}
          <span className="flex-1" />
          <Button variant="outline" asChild>
            <a href={exportHref('csv')} download>
              <Download /> Export CSV
            </a>
          </Button>
          <Button variant="outline" asChild>
            <a href={exportHref('jsonl')} download>
              <Download /> Export JSON lines
            </a>
          </Button>
        </div>
      </form>
      {refusal && (
        <Alert variant="destructive">
          <CircleAlert />
          <AlertDescription>Those filters could not be used ({refusal}). Showing every event instead.</AlertDescription>
        </Alert>
      )}
      {events.length === 0 ? (
        <p className="text-muted-foreground rounded-md border border-dashed p-8 text-center text-sm">
          {filterParams.size > 0 ? 'No event matches these filters.' : 'No events yet.'}
        </p>
      ) : (
        <ConsoleTable
          columns={[
            { label: 'Time' },
            { label: 'Action' },
            { label: 'Actor', className: 'hidden sm:table-cell' },
            { label: 'Target', className: 'hidden lg:table-cell' },
            { label: 'Address and device', className: 'hidden md:table-cell' },
          ]}
        >
          {events.map((row) => {
            const view = viewOf(row)
            return (
              <TableRow key={row.id}>
                <TableCell className="text-muted-foreground w-28 align-top text-xs whitespace-normal">
                  {view.at}
                </TableCell>
                <TableCell className="align-top whitespace-normal">
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{view.label}</span>
                    {row.outcome === 'failure' && <Badge variant="destructive">failed</Badge>}
                  </span>
                  <span className="text-muted-foreground text-xs sm:hidden">{actorOf(row)}</span>
                </TableCell>
                <TableCell className="hidden align-top sm:table-cell">
                  {row.actorId ? (
                    <Link
                      className="hover:underline"
                      href={withParams(pagePath, new URLSearchParams({ actor_id: row.actorId }))}
                      title="Show only this actor's events"
                    >
                      {actorOf(row)}
                    </Link>
                  ) : (
                    actorOf(row)
                  )}
                </TableCell>
                <TableCell className="hidden align-top text-xs break-all whitespace-normal lg:table-cell">
                  {view.target}
                </TableCell>
                <TableCell className="hidden align-top md:table-cell">
                  <TwoLineCell primary={view.ip} secondary={view.device} />
                </TableCell>
                <TableCell className="text-right align-top">
                  <AuditEventDetails event={view} />
                </TableCell>
              </TableRow>
            )
          })}
        </ConsoleTable>
      )}
      <nav aria-label="Pages" className="flex gap-2">
        {query.cursor && (
          <Button variant="outline" asChild>
            <Link href={withParams(pagePath, filterParams)}>Newest events</Link>
          </Button>
        )}
        {olderHref && (
          <Button variant="outline" asChild>
            <Link href={olderHref}>Older events</Link>
          </Button>
        )}
      </nav>
    </div>
  )
}
