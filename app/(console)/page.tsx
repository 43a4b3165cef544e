import { TriangleAlert } from 'lucide-react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { RecentActivity } from '@/components/audit/recent-activity'
import { DetailList } from '@/components/dashboard/detail-list'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { findRecentEventsByActor } from '@/lib/audit/queries'
import { secondFactorsOf } from '@/lib/auth/mfa/queries'
import { requireUser } from '@/lib/auth/require'
import { checklistSummary, securityChecklist } from '@/lib/checklist/security-checklist'
import { describeUserAgent, formatDateTime } from '@/lib/format'
import { findOrgsOfUser } from '@/lib/orgs/queries'
import { getRuntime } from '@/lib/runtime'
import { findSessionById } from '@/lib/sessions/queries'
import { findUserById } from '@/lib/users/queries'
import { CreateOrgButton } from './_components/create-org-dialog'

export const metadata: Metadata = { title: 'Overview · Gatehouse' }

const MASTER_KEY_SOURCES = {
  env: 'GATEHOUSE_MASTER_KEY',
  file: 'key file',
  data_dir: 'generated key file',
  generated: 'generated key file',
} as const

export default async function OverviewPage() {
  const { user, sessionId } = await requireUser()
  const runtime = await getRuntime()
  // Read again rather than taken from the session's lookup: a server action (leaving an org) may
  // have changed them earlier in this request.
  const [orgs, profile, session, events, factors] = await Promise.all([
    findOrgsOfUser(runtime.db, user.id),
    findUserById(runtime.db, user.id),
    findSessionById(runtime.db, sessionId),
    findRecentEventsByActor(runtime.db, user.id),
    secondFactorsOf(runtime.db, user.id),
  ])
  const { masterKey, signingKeys, database } = runtime
  const checklist = user.isAdmin ? checklistSummary(await securityChecklist(runtime)) : undefined
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Welcome, {user.name ?? user.email}</h1>
          <p className="text-muted-foreground text-sm">Your account, organizations and recent activity.</p>
        </div>
        {checklist && (
          <Link
            href="/admin/security-checklist"
            className="rounded-md focus-visible:ring-[3px] focus-visible:outline-none"
          >
            <Badge variant={checklist.fail > 0 ? 'destructive' : 'outline'} className="px-2.5 py-1 text-sm">
              Security checklist:{' '}
              {checklist.fail > 0
                ? `${checklist.fail} to fix`
                : checklist.warn > 0
                  ? `${checklist.warn} to review`
                  : 'all passed'}
            </Badge>
          </Link>
        )}
      </div>
      {user.isAdmin && (masterKey.source === 'generated' || masterKey.source === 'data_dir') && (
        <Alert>
          <TriangleAlert />
          <AlertTitle className="line-clamp-none">The master key was generated on this machine</AlertTitle>
          <AlertDescription>
            It lives in <code className="font-mono break-all">{masterKey.path}</code>. Back it up now, and in production
            provide it with GATEHOUSE_MASTER_KEY or GATEHOUSE_MASTER_KEY_FILE.
          </AlertDescription>
        </Alert>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Your account</h2>
            </CardTitle>
            <CardDescription>How Gatehouse knows you.</CardDescription>
          </CardHeader>
          <CardContent>
            <DetailList
              items={[
                { label: 'Name', value: user.name ?? '—' },
                { label: 'E-mail', value: user.email },
                {
                  label: 'Role',
                  value: user.isAdmin ? <Badge>Instance admin</Badge> : <Badge variant="secondary">User</Badge>,
                },
                {
                  label: 'Two-factor',
                  value:
                    factors.totp || factors.passkey ? (
                      [factors.totp && 'Authenticator app', factors.passkey && 'Passkey'].filter(Boolean).join(', ')
                    ) : (
                      <span className="text-muted-foreground">Not enabled</span>
                    ),
                },
              ]}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>This session</h2>
            </CardTitle>
            <CardDescription>The browser you are using now.</CardDescription>
          </CardHeader>
          <CardContent>
            <DetailList
              items={[
                { label: 'Device', value: describeUserAgent(session?.userAgent) },
                { label: 'IP address', value: session?.ip ?? '—' },
                { label: 'Signed in', value: formatDateTime(session?.createdAt) },
                { label: 'Expires', value: formatDateTime(session?.expires) },
              ]}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Organizations</h2>
            </CardTitle>
            <CardDescription>Where you are a member, and your role there.</CardDescription>
          </CardHeader>
          <CardContent>
            <ul className="divide-y">
              {orgs.map((org) => (
                <li key={org.id} className="flex items-center justify-between gap-4 py-2.5 text-sm">
                  <Link
                    href={`/orgs/${org.slug}`}
                    className="min-w-0 truncate font-medium underline-offset-4 hover:underline"
                  >
                    {org.name}
                    {org.id === profile?.primaryOrgId && (
                      <span className="text-muted-foreground font-normal"> · primary</span>
                    )}
                  </Link>
                  <Badge variant="outline">{org.role}</Badge>
                </li>
              ))}
              {orgs.length === 0 && (
                <li className="grid justify-items-start gap-3 py-2.5 text-sm">
                  <span className="text-muted-foreground">
                    You are not a member of any organization yet. Create your own, or ask an organization’s admin to add
                    you with your e-mail address.
                  </span>
                  <CreateOrgButton />
                </li>
              )}
            </ul>
          </CardContent>
        </Card>
        {user.isAdmin && (
          <Card>
            <CardHeader>
              <CardTitle>
                <h2>Instance</h2>
              </CardTitle>
              <CardDescription>Where data and keys live.</CardDescription>
            </CardHeader>
            <CardContent>
              <DetailList
                items={[
                  { label: 'Database', value: database.label },
                  {
                    label: 'Master key',
                    value: `${MASTER_KEY_SOURCES[masterKey.source]} · id ${masterKey.keyId}`,
                  },
                  {
                    label: 'Token signing',
                    value: `${signingKeys.alg} · ${signingKeys.source} · kid ${signingKeys.kid.slice(0, 12)}…`,
                  },
                ]}
              />
            </CardContent>
          </Card>
        )}
      </div>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Recent activity</h2>
          </CardTitle>
          <CardDescription>Your latest events from the audit log.</CardDescription>
        </CardHeader>
        <CardContent>
          <RecentActivity events={events} />
        </CardContent>
      </Card>
    </div>
  )
}
