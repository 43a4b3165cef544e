import type { Metadata } from 'next'
import { ConsoleTable } from '@/components/console/console-table'
import { PageHeader } from '@/components/console/page-header'
import { Badge } from '@/components/ui/badge'
import { TableCell, TableRow } from '@/components/ui/table'
import { requireUser } from '@/lib/auth/require'
import { describeUserAgent, formatDateTime } from '@/lib/format'
import { getRuntime } from '@/lib/runtime'
import { findSessionsOfUser } from '@/lib/sessions/list-sessions'
import { RevokeOtherSessions } from './_components/revoke-other-sessions'
import { RevokeSession } from './_components/revoke-session'

export const metadata: Metadata = { title: 'Sessions · Gatehouse' }

export default async function SessionsPage() {
  const { user, sessionId } = await requireUser()
  const runtime = await getRuntime()
  const sessions = await findSessionsOfUser(runtime.db, user.id)
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Sessions"
        description="Browsers and API sign-ins on your account. End any you do not recognise."
      >
        <RevokeOtherSessions disabled={sessions.every((session) => session.id === sessionId)} />
      </PageHeader>
      <ConsoleTable
        columns={[
          { label: 'Device' },
          { label: 'IP address', className: 'hidden sm:table-cell' },
          { label: 'Signed in', className: 'hidden md:table-cell' },
          { label: 'Last used' },
        ]}
      >
        {sessions.map((session) => {
          const device = describeUserAgent(session.userAgent)
          const current = session.id === sessionId
          return (
            <TableRow key={session.id}>
              <TableCell className="align-top whitespace-normal">
                <div className="grid gap-0.5">
                  <span className="flex flex-wrap items-center gap-x-2 gap-y-1 font-medium">
                    {device}
                    {current && <Badge>This browser</Badge>}
                  </span>
                  <span className="text-muted-foreground text-xs">
                    {session.kind === 'browser' ? 'Browser session' : 'API sign-in (refresh token)'}
                  </span>
                </div>
              </TableCell>
              <TableCell className="text-muted-foreground hidden align-top font-mono text-xs sm:table-cell">
                {session.ip ?? '—'}
              </TableCell>
              <TableCell className="text-muted-foreground hidden align-top text-xs md:table-cell">
                {formatDateTime(session.createdAt)}
              </TableCell>
              <TableCell className="text-muted-foreground align-top text-xs">
                {formatDateTime(session.lastUsedAt)}
              </TableCell>
              <TableCell className="text-right align-top">
                {!current && (
                  <RevokeSession
                    session={{
                      id: session.id,
                      kind: session.kind,
                      label: `${device}, signed in ${formatDateTime(session.createdAt)}`,
                    }}
                  />
                )}
              </TableCell>
            </TableRow>
          )
        })}
      </ConsoleTable>
    </div>
  )
}
