'use client'

import { History } from 'lucide-react'
import { useEffect, useState, useTransition } from 'react'
import { FormAlert } from '@/components/forms/form-alert'
import { formDataOf } from '@/components/forms/form-data'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import type { ActionFailure, ActionResult } from '@/lib/actions/define-action'
import { formatDateTime } from '@/lib/format'
import { restoreSecretAction, secretHistoryAction } from '../actions'

interface Version {
  version: number
  createdAt: string
  createdBy: string
  note: string | null
}

/** Every version of a secret, newest first; an older one can become the newest again (as a new version). */
export function SecretHistoryDialog({
  orgSlug,
  name,
  canWrite,
  open,
  onOpenChange,
}: {
  orgSlug: string
  name: string
  canWrite: boolean
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const [versions, setVersions] = useState<Version[] | null>(null)
  const [outcome, setOutcome] = useState<ActionResult | null>(null)
  const [pending, startTransition] = useTransition()

  const form = (fields: Record<string, string>) => formDataOf({ org: orgSlug, name, ...fields })
  const load = () =>
    startTransition(async () => {
      const result = await secretHistoryAction(null, form({}))
      if (result.ok) setVersions(result.versions)
      else setOutcome(result as ActionFailure)
    })

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once per opening, not on every render's new load()
  useEffect(() => {
    if (open) load()
    else {
      setVersions(null)
      setOutcome(null)
    }
  }, [open])

  const restore = (version: number) =>
    startTransition(async () => {
      const result = await restoreSecretAction(null, form({ version: String(version) }))
      setOutcome(result)
      if (result.ok) {
        const refreshed = await secretHistoryAction(null, form({}))
        if (refreshed.ok) setVersions(refreshed.versions)
      }
    })

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>History of {name}</DialogTitle>
          <DialogDescription>
            Restoring an older version saves its value again as the newest version; nothing is erased.
          </DialogDescription>
        </DialogHeader>
        <FormAlert state={outcome} />
        {versions === null ? (
          <p className="text-muted-foreground text-sm">Loading…</p>
        ) : (
          <ol aria-label={`Versions of ${name}`} className="grid max-h-80 divide-y overflow-auto rounded-md border">
            {versions.map((version, index) => (
              <li key={version.version} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <div className="grid min-w-0 gap-0.5">
                  <span className="flex items-center gap-2 text-sm font-medium">
                    <History className="text-muted-foreground size-4" aria-hidden />
                    Version {version.version}
                    {index === 0 && <Badge>Newest</Badge>}
                  </span>
                  <span className="text-muted-foreground text-xs break-words">
                    {formatDateTime(new Date(version.createdAt))} · {version.createdBy}
                    {version.note ? ` · ${version.note}` : ''}
                  </span>
                </div>
                {canWrite && index > 0 && (
                  <Button
                    type="button"
                    variant="outline"
                    size="sm"
                    disabled={pending}
                    onClick={() => restore(version.version)}
                  >
                    Restore version {version.version}
                  </Button>
                )}
              </li>
            ))}
          </ol>
        )}
      </DialogContent>
    </Dialog>
  )
}
