import { Badge } from '@/components/ui/badge'
import type { RecentEvent } from '@/lib/audit/queries'
import { describeUserAgent, formatDateTime } from '@/lib/format'

const ACTION_LABELS: Record<string, string> = {
  'auth.login': 'Signed in',
  'auth.logout': 'Signed out',
  'auth.token.refresh': 'Refreshed an API token',
  'auth.token.reuse_detected': 'Reused refresh token detected',
  'user.create': 'Account created',
  'org.create': 'Organization created',
  'setup.complete': 'Instance set up',
}

export function RecentActivity({ events }: { events: RecentEvent[] }) {
  if (events.length === 0) return <p className="text-muted-foreground text-sm">No activity yet.</p>
  return (
    <ol className="divide-y">
      {events.map((event) => (
        <li key={event.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2.5 text-sm">
          <span className="flex items-center gap-2">
            <span className="font-medium">{ACTION_LABELS[event.action] ?? event.action}</span>
            {event.outcome === 'failure' && <Badge variant="destructive">failed</Badge>}
          </span>
          <span className="text-muted-foreground text-xs">
            {formatDateTime(event.at)}
            {event.ip ? ` · ${event.ip}` : ''}
            {event.userAgent ? ` · ${describeUserAgent(event.userAgent)}` : ''}
          </span>
        </li>
      ))}
    </ol>
  )
}
