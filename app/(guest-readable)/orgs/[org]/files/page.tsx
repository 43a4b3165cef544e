import type { Metadata } from 'next'
import { ConsoleTable } from '@/components/console/console-table'
import { PageHeader } from '@/components/console/page-header'
import { TableCell, TableRow } from '@/components/ui/table'
import { requireOrgAccess } from '@/lib/auth/require'
import { findFiles } from '@/lib/files/queries'
import { formatBytes, formatDateTime } from '@/lib/format'
import { can } from '@/lib/rbac/org-access'
import { getRuntime } from '@/lib/runtime'
import { FileActions } from './_components/file-actions'
import { UploadZone } from './_components/upload-zone'

export const metadata: Metadata = { title: 'Files · Gatehouse' }

const CONSOLE_LIMIT = 1000

export default async function FilesPage({ params }: { params: Promise<{ org: string }> }) {
  const { access } = await requireOrgAccess((await params).org, 'file:read')
  const runtime = await getRuntime()
  const files = await findFiles(runtime.db, access.org.id, { limit: CONSOLE_LIMIT, offset: 0 })
  const slug = access.org.slug
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Files"
        description="Certificates, kubeconfigs, backups: encrypted at rest, downloaded through short-lived links."
      />
      {can(access, 'file:write') && <UploadZone orgSlug={slug} maxBytes={runtime.config.maxUploadBytes} />}
      {files.length === 0 ? (
        <p className="text-muted-foreground rounded-md border border-dashed p-8 text-center text-sm">No files yet.</p>
      ) : (
        <ConsoleTable
          columns={[
            { label: 'File' },
            { label: 'Size', className: 'hidden sm:table-cell' },
            { label: 'Uploaded', className: 'hidden md:table-cell' },
          ]}
        >
          {files.map((file) => (
            <TableRow key={file.id}>
              <TableCell className="align-top whitespace-normal">
                <div className="grid gap-0.5">
                  <span className="font-medium break-all">{file.name}</span>
                  <span className="text-muted-foreground font-mono text-xs" title={file.sha256}>
                    sha256 {file.sha256.slice(0, 12)}…<span className="sm:hidden"> · {formatBytes(file.size)}</span>
                  </span>
                </div>
              </TableCell>
              <TableCell className="hidden align-top sm:table-cell">{formatBytes(file.size)}</TableCell>
              <TableCell className="text-muted-foreground hidden align-top text-xs md:table-cell">
                <div className="grid gap-0.5">
                  <span>{formatDateTime(file.createdAt)}</span>
                  <span>{file.createdBy}</span>
                </div>
              </TableCell>
              <TableCell className="text-right align-top">
                <FileActions
                  orgSlug={slug}
                  file={{ id: file.id, name: file.name }}
                  canDelete={can(access, 'file:delete')}
                />
              </TableCell>
            </TableRow>
          ))}
        </ConsoleTable>
      )}
    </div>
  )
}
