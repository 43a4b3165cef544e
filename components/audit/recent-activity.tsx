import { Badge } from '@/components/ui/badge'
import { actionLabel } from '@/lib/audit/actions'
import type { RecentEvent } from '@/lib/audit/queries'
import { describeUserAgent, formatDateTime } from '@/lib/format'

// Why a sign-in or confirmation was refused, in the user's words (audit meta.reason).
const REASON_LABELS: Record<string, string> = {
  wrong_password: 'wrong password',
  unknown_user: 'unknown account',
  wrong_mfa_code: 'wrong two-factor code',
  unknown_passkey: 'unknown passkey',
  passkey_not_verified: 'passkey not verified',
  disabled: 'account disabled',
}

export function RecentActivity({ events }: { events: RecentEvent[] }) {
  if (events.length === 0) return <p className="text-muted-foreground text-sm">No activity yet.</p>
  return (
    <ol className="divide-y" aria-label="Recent activity">
      {events.map((event) => (
        <li key={event.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2.5 text-sm">
          <span className="flex items-center gap-2">
            <span className="font-medium">{actionLabel(event.action)}</span>
            {event.outcome === 'failure' && (
              <Badge variant="destructive">
                {event.reason
                  ? `failed: ${REASON_LABELS[event.reason] ?? event.reason.replaceAll('_', ' ')}`
                  : 'failed'}
              </Badge>
            )}
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
