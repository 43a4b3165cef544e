import type { Metadata } from 'next'
import { AuditLog } from '@/components/audit/audit-log'
import { PageHeader } from '@/components/console/page-header'
import { loadAuditPage } from '@/lib/audit/load-audit-page'
import { requireOrgAccess } from '@/lib/auth/require'
import { getRuntime } from '@/lib/runtime'

export const metadata: Metadata = { title: 'Audit log · Gatehouse' }

export default async function OrgAuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const { access } = await requireOrgAccess((await params).org, 'audit:read')
  const runtime = await getRuntime()
  const page = await loadAuditPage(runtime, await searchParams, access.org.id)
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Audit log"
        description={`Everything that happened in ${access.org.name}: who, what, when and from where.`}
      />
      <AuditLog
        pagePath={`/orgs/${access.org.slug}/audit`}
        apiPath={`/api/v1/orgs/${access.org.slug}/audit`}
        {...page}
      />
    </div>
  )
}
