import type { Metadata } from 'next'
import { PageHeader } from '@/components/console/page-header'
import { Button } from '@/components/ui/button'
import { requireOrgAccessOrGuest } from '@/lib/auth/require'
import { findFiles } from '@/lib/files/queries'
import { can, isGuest } from '@/lib/rbac/org-access'
import { getRuntime } from '@/lib/runtime'
import { GuestNotice } from '../../../_components/guest-notice'
import { FileActions } from './_components/file-actions'
import { FilesTable } from './_components/files-table'
import { UploadZone } from './_components/upload-zone'

export const metadata: Metadata = { title: 'Files · Gatehouse' }

const CONSOLE_LIMIT = 1000

/** Members manage the files; guests of an org open to them (ALLOW_GUEST_MODE) only list and download. */
export default async function FilesPage({ params }: { params: Promise<{ org: string }> }) {
  const orgRef = (await params).org
  const here = `/orgs/${encodeURIComponent(orgRef)}/files`
  const { session, access } = await requireOrgAccessOrGuest(orgRef, 'file:read', here)
  const runtime = await getRuntime()
  const files = await findFiles(runtime.db, access.org.id, { limit: CONSOLE_LIMIT, offset: 0 })
  const slug = access.org.slug
  if (isGuest(access)) {
    return (
      <div className="grid gap-6">
        <PageHeader title="Files" description={`Files that ${access.org.name} shares with anyone.`} />
        <GuestNotice
          orgName={access.org.name}
          signInHref={session ? undefined : `/login?${new URLSearchParams({ callbackUrl: here })}`}
        />
        <FilesTable
          files={files}
          showUploader={false}
          actions={(file) => (
            // The stream serves guests of this org without a link's token; the answer is an attachment.
            <Button asChild variant="outline" size="sm">
              <a href={`/api/v1/files/${encodeURIComponent(file.id)}/stream`} aria-label={`Download ${file.name}`}>
                Download
              </a>
            </Button>
          )}
        />
      </div>
    )
  }
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Files"
        description="Certificates, kubeconfigs, backups: encrypted at rest, downloaded through short-lived links."
      />
      {can(access, 'file:write') && <UploadZone orgSlug={slug} maxBytes={runtime.config.maxUploadBytes} />}
      <FilesTable
        files={files}
        showUploader
        actions={(file) => (
          <FileActions orgSlug={slug} file={{ id: file.id, name: file.name }} canDelete={can(access, 'file:delete')} />
        )}
      />
    </div>
  )
}
