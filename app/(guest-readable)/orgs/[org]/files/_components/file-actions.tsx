'use client'

import { useState, useTransition } from 'react'
import { RowMenu } from '@/components/console/row-menu'
import { ConfirmAction } from '@/components/forms/confirm-action'
import { formDataOf } from '@/components/forms/form-data'
import { DropdownMenuItem } from '@/components/ui/dropdown-menu'
import { createFileLinkAction, deleteFileAction } from '../actions'

/** Download, copy a 15-minute link, delete. */
export function FileActions({
  orgSlug,
  file,
  canDelete,
}: {
  orgSlug: string
  file: { id: string; name: string }
  canDelete: boolean
}) {
  const [confirming, setConfirming] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const [, startTransition] = useTransition()
  const copyLink = () =>
    startTransition(async () => {
      const result = await createFileLinkAction(null, formDataOf({ org: orgSlug, file_id: file.id }))
      if (!result.ok) return setNotice(result.error)
      await navigator.clipboard.writeText(result.url)
      setNotice('Link copied; it works for 15 minutes.')
    })
  return (
    <div className="flex items-center justify-end gap-2">
      {notice && (
        <span role="status" className="text-muted-foreground hidden text-xs sm:inline">
          {notice}
        </span>
      )}
      <RowMenu label={`Actions for ${file.name}`}>
        {/* An ordinary item, so the menu closes like after any other; the answer is an attachment, so the page stays. */}
        <DropdownMenuItem
          onSelect={() => window.location.assign(`/api/v1/files/${encodeURIComponent(file.id)}/stream`)}
        >
          Download
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={copyLink}>Copy 15-minute link</DropdownMenuItem>
        {canDelete && (
          <DropdownMenuItem variant="destructive" onSelect={() => setConfirming(true)}>
            Delete…
          </DropdownMenuItem>
        )}
      </RowMenu>
      {canDelete && (
        <ConfirmAction
          trigger={null}
          open={confirming}
          onOpenChange={setConfirming}
          title={`Delete ${file.name}?`}
          description="The file and its stored bytes are deleted, and links to it stop working. This cannot be undone."
          action={deleteFileAction}
          hidden={{ org: orgSlug, file_id: file.id }}
          confirmLabel="Delete file"
        />
      )}
    </div>
  )
}
