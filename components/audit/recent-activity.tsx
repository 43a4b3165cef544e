import { Badge } from '@/components/ui/badge'
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

const ACTION_LABELS: Record<string, string> = {
  'auth.login': 'Signed in',
  'auth.logout': 'Signed out',
  'auth.token.refresh': 'Refreshed an API token',
  'auth.token.reuse_detected': 'Reused refresh token detected',
  'auth.password.change': 'Password changed',
  'auth.mfa.enable': 'Authenticator app turned on',
  'auth.mfa.disable': 'Authenticator app turned off',
  'auth.mfa.recovery_used': 'Recovery code used',
  'auth.passkey.add': 'Passkey added',
  'auth.passkey.remove': 'Passkey removed',
  'session.revoke': 'Session ended',
  'apikey.create': 'API key created',
  'apikey.revoke': 'API key revoked',
  'secret.write': 'Secret saved',
  'secret.read': 'Secret value read',
  'secret.export': 'Secrets exported',
  'secret.delete': 'Secret deleted',
  'user.create': 'Account created',
  'org.create': 'Organization created',
  'setup.complete': 'Instance set up',
}

export function RecentActivity({ events }: { events: RecentEvent[] }) {
  if (events.length === 0) return <p className="text-muted-foreground text-sm">No activity yet.</p>
  return (
    <ol className="divide-y" aria-label="Recent activity">
      {events.map((event) => (
        <li key={event.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2.5 text-sm">
          <span className="flex items-center gap-2">
            <span className="font-medium">{ACTION_LABELS[event.action] ?? event.action}</span>
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
