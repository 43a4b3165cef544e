import type { Metadata } from 'next'
import { AuditLog } from '@/components/audit/audit-log'
import { PageHeader } from '@/components/console/page-header'
import { type VerifyVerdict, verifyAuditLog } from '@/lib/audit/checkpoint'
import { loadAuditPage } from '@/lib/audit/load-audit-page'
import { findAuditEventSummary } from '@/lib/audit/queries'
import { verifyQuerySchema } from '@/lib/audit/schemas'
import { requireAdmin } from '@/lib/auth/require'
import { isAppError } from '@/lib/errors'
import { getRuntime } from '@/lib/runtime'
import { type BadEvent, ChainCheck } from './_components/chain-check'

export const metadata: Metadata = { title: 'Audit log · Administration · Gatehouse' }

export default async function AdminAuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  await requireAdmin()
  const runtime = await getRuntime()
  const search = await searchParams
  const page = await loadAuditPage(runtime, search)

  let verdict: VerifyVerdict | undefined
  let badEvent: BadEvent | undefined
  let refusal: string | undefined
  const checkpoint = verifyQuerySchema.safeParse({ checkpoint: search.checkpoint || undefined })
  if (search.verify) {
    try {
      if (checkpoint.success) verdict = await verifyAuditLog(runtime, checkpoint.data.checkpoint)
    } catch (error) {
      if (!isAppError(error)) throw error
    }
    if (!verdict)
      refusal = 'That checkpoint was not signed by this instance, or was changed: paste its signature unchanged.'
    if (verdict?.firstBadId) badEvent = await findAuditEventSummary(runtime.db, verdict.firstBadId)
  }

  return (
    <div className="grid gap-6">
      <PageHeader title="Audit log" description="Every event on this instance, in every organization." />
      <ChainCheck
        verdict={verdict}
        badEvent={badEvent}
        checkpoint={checkpoint.success ? checkpoint.data.checkpoint : undefined}
        refusal={refusal}
      />
      <AuditLog pagePath="/admin/audit" apiPath="/api/v1/admin/audit" {...page} />
    </div>
  )
}
