import { CircleAlert, CircleCheck, TriangleAlert } from 'lucide-react'
import type { Metadata } from 'next'
import { PageHeader } from '@/components/console/page-header'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent } from '@/components/ui/card'
import { requireAdmin } from '@/lib/auth/require'
import { type CheckStatus, checklistSummary, securityChecklist } from '@/lib/checklist/security-checklist'
import { getRuntime } from '@/lib/runtime'

export const metadata: Metadata = { title: 'Security checklist · Administration · Gatehouse' }

const LOOK: Record<CheckStatus, { icon: typeof CircleCheck; label: string; className: string }> = {
  pass: { icon: CircleCheck, label: 'Pass', className: 'text-emerald-600' },
  warn: { icon: TriangleAlert, label: 'Warning', className: 'text-amber-600' },
  fail: { icon: CircleAlert, label: 'Fail', className: 'text-destructive' },
}

// Failures first, then warnings: what needs doing is at the top.
const ORDER: Record<CheckStatus, number> = { fail: 0, warn: 1, pass: 2 }

export default async function SecurityChecklistPage() {
  await requireAdmin()
  const items = await securityChecklist(await getRuntime())
  const summary = checklistSummary(items)
  const sorted = [...items].sort((a, b) => ORDER[a.status] - ORDER[b.status])
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Security checklist"
        description={`Checked on this running instance just now: ${summary.fail} to fix, ${summary.warn} to review, ${summary.pass} passed.`}
      />
      <Card className="py-2">
        <CardContent className="px-2 sm:px-4">
          <ul className="divide-y" aria-label="Checks">
            {sorted.map((check) => {
              const look = LOOK[check.status]
              const Icon = look.icon
              return (
                <li key={check.id} className="flex gap-3 py-4">
                  <Icon className={`mt-0.5 size-5 shrink-0 ${look.className}`} aria-hidden />
                  <div className="grid min-w-0 gap-1">
                    <p className="flex flex-wrap items-center gap-2 font-medium">
                      {check.title}
                      <Badge
                        variant={
                          check.status === 'fail' ? 'destructive' : check.status === 'warn' ? 'outline' : 'secondary'
                        }
                      >
                        {look.label}
                      </Badge>
                    </p>
                    <p className="text-muted-foreground text-sm break-words">{check.detail}</p>
                    {check.fix && (
                      <p className="text-sm break-words">
                        <span className="font-medium">Fix: </span>
                        {check.fix}
                      </p>
                    )}
                  </div>
                </li>
              )
            })}
          </ul>
        </CardContent>
      </Card>
    </div>
  )
}
