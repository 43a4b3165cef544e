import { Plus } from 'lucide-react'
import type { Metadata } from 'next'
import { ConsoleTable, TwoLineCell } from '@/components/console/console-table'
import { PageHeader } from '@/components/console/page-header'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { TableCell, TableRow } from '@/components/ui/table'
import { requireOrgAccess } from '@/lib/auth/require'
import { formatDateTime } from '@/lib/format'
import { can } from '@/lib/rbac/org-access'
import { getRuntime } from '@/lib/runtime'
import { findSecrets } from '@/lib/secrets/queries'
import { ImportSecretsDialog } from './_components/import-secrets-dialog'
import { SecretActions } from './_components/secret-actions'
import { SecretDialog } from './_components/secret-dialog'

export const metadata: Metadata = { title: 'Secrets · Gatehouse' }

// The console lists them all; the API pages them.
const CONSOLE_LIMIT = 1000

export default async function SecretsPage({ params }: { params: Promise<{ org: string }> }) {
  const { access } = await requireOrgAccess((await params).org, 'secret:read')
  const runtime = await getRuntime()
  const secrets = await findSecrets(runtime.db, access.org.id, { limit: CONSOLE_LIMIT, offset: 0 })
  const rights = { write: can(access, 'secret:write'), delete: can(access, 'secret:delete') }
  const slug = access.org.slug
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Secrets"
        description="Encrypted at rest. Values are shown only when you ask, and every read is audited."
      >
        {rights.write && (
          <div className="flex flex-wrap gap-2">
            <ImportSecretsDialog orgSlug={slug} />
            <SecretDialog
              orgSlug={slug}
              trigger={
                <Button>
                  <Plus aria-hidden /> New secret
                </Button>
              }
            />
          </div>
        )}
      </PageHeader>
      {secrets.length === 0 ? (
        <p className="text-muted-foreground rounded-md border border-dashed p-8 text-center text-sm">
          No secrets yet.{rights.write ? ' Add one, or import a .env file.' : ''}
        </p>
      ) : (
        <ConsoleTable
          columns={[
            { label: 'Name' },
            { label: 'Version', className: 'hidden sm:table-cell' },
            { label: 'Updated', className: 'hidden md:table-cell' },
          ]}
        >
          {secrets.map((secret) => (
            <TableRow key={secret.name}>
              <TableCell className="align-top whitespace-normal">
                <div className="grid gap-0.5">
                  <span className="font-mono font-medium break-all">{secret.name}</span>
                  <span className="text-muted-foreground text-xs md:hidden">
                    <span className="sm:hidden">v{secret.version} · </span>
                    {formatDateTime(secret.updatedAt)} · {secret.updatedBy}
                  </span>
                </div>
              </TableCell>
              <TableCell className="hidden align-top sm:table-cell">
                <Badge variant="secondary">v{secret.version}</Badge>
              </TableCell>
              <TableCell className="hidden align-top md:table-cell">
                <TwoLineCell
                  className="text-xs"
                  primary={
                    <span className="text-muted-foreground font-normal">{formatDateTime(secret.updatedAt)}</span>
                  }
                  secondary={secret.updatedBy}
                />
              </TableCell>
              <TableCell className="text-right align-top">
                <SecretActions orgSlug={slug} name={secret.name} can={rights} />
              </TableCell>
            </TableRow>
          ))}
        </ConsoleTable>
      )}
    </div>
  )
}
