import type { Metadata } from 'next'
import { ConsoleTable, TwoLineCell } from '@/components/console/console-table'
import { PageHeader } from '@/components/console/page-header'
import { Badge } from '@/components/ui/badge'
import { TableCell, TableRow } from '@/components/ui/table'
import { findVisibleApiKeys } from '@/lib/api-keys/queries'
import { requireUser } from '@/lib/auth/require'
import { formatDateTime } from '@/lib/format'
import { findOrgsOfUser } from '@/lib/orgs/queries'
import { getRuntime } from '@/lib/runtime'
import { findUserById } from '@/lib/users/queries'
import { CreateApiKeyDialog } from './_components/create-api-key-dialog'
import { RevokeApiKey } from './_components/revoke-api-key'

export const metadata: Metadata = { title: 'API keys · Gatehouse' }

export default async function ApiKeysPage() {
  const { user } = await requireUser()
  const runtime = await getRuntime()
  const [orgs, keys, profile] = await Promise.all([
    findOrgsOfUser(runtime.db, user.id),
    findVisibleApiKeys(runtime.db, user),
    findUserById(runtime.db, user.id),
  ])
  const orgName = new Map(orgs.map((org) => [org.id, org.name]))
  const writable = orgs.filter((org) => org.permissions.includes('apikey:write'))
  const canRevoke = (key: (typeof keys)[number]) =>
    key.createdBy === user.id || writable.some((org) => org.id === key.orgId)
  const now = new Date()
  return (
    <div className="grid gap-6">
      <PageHeader
        title="API keys"
        description="Keys for scripts, CI and services. Each acts in one organization within its scopes."
      >
        <CreateApiKeyDialog
          orgs={writable}
          defaultOrgSlug={orgs.find((org) => org.id === profile?.primaryOrgId)?.slug}
        />
      </PageHeader>
      <ConsoleTable
        columns={[
          { label: 'Key' },
          { label: 'Scopes' },
          { label: 'Expires', className: 'hidden md:table-cell' },
          { label: 'Last used', className: 'hidden md:table-cell' },
        ]}
      >
        {keys.map((key) => (
          <TableRow key={key.id}>
            <TableCell className="align-top">
              <TwoLineCell primary={key.name} secondary={`${key.prefix}… · ${orgName.get(key.orgId) ?? ''}`} />
            </TableCell>
            <TableCell className="align-top whitespace-normal">
              <div className="flex max-w-md flex-wrap gap-1">
                {key.scopes.map((scope) => (
                  <Badge key={scope} variant="secondary" className="font-mono">
                    {scope}
                  </Badge>
                ))}
              </div>
            </TableCell>
            <TableCell className="text-muted-foreground hidden align-top text-xs md:table-cell">
              {key.expiresAt ? (
                key.expiresAt <= now ? (
                  <Badge variant="destructive">Expired</Badge>
                ) : (
                  formatDateTime(key.expiresAt)
                )
              ) : (
                'Never'
              )}
            </TableCell>
            <TableCell className="text-muted-foreground hidden align-top text-xs md:table-cell">
              {key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}
            </TableCell>
            <TableCell className="text-right align-top">
              {canRevoke(key) && <RevokeApiKey apiKey={{ id: key.id, name: key.name, prefix: key.prefix }} />}
            </TableCell>
          </TableRow>
        ))}
        {keys.length === 0 && (
          <TableRow>
            <TableCell colSpan={5} className="text-muted-foreground py-6 text-center">
              No API keys yet.
            </TableCell>
          </TableRow>
        )}
      </ConsoleTable>
    </div>
  )
}
