'use client'

import { useState } from 'react'
import { RowMenu } from '@/components/console/row-menu'
import { ConfirmAction } from '@/components/forms/confirm-action'
import { DropdownMenuItem } from '@/components/ui/dropdown-menu'
import { deleteSecretAction } from '../actions'
import { RevealSecretDialog } from './reveal-secret-dialog'
import { SecretDialog } from './secret-dialog'
import { SecretHistoryDialog } from './secret-history-dialog'

type Open = 'reveal' | 'version' | 'history' | 'delete' | null

export function SecretActions({
  orgSlug,
  name,
  can,
}: {
  orgSlug: string
  name: string
  can: { write: boolean; delete: boolean }
}) {
  const [open, setOpen] = useState<Open>(null)
  const toggle = (which: Exclude<Open, null>) => (next: boolean) => setOpen(next ? which : null)
  return (
    <>
      <RowMenu label={`Actions for ${name}`}>
        <DropdownMenuItem onSelect={() => setOpen('reveal')}>Reveal or copy…</DropdownMenuItem>
        {can.write && <DropdownMenuItem onSelect={() => setOpen('version')}>New version…</DropdownMenuItem>}
        <DropdownMenuItem onSelect={() => setOpen('history')}>History…</DropdownMenuItem>
        {can.delete && (
          <DropdownMenuItem variant="destructive" onSelect={() => setOpen('delete')}>
            Delete…
          </DropdownMenuItem>
        )}
      </RowMenu>
      <RevealSecretDialog orgSlug={orgSlug} name={name} open={open === 'reveal'} onOpenChange={toggle('reveal')} />
      {can.write && (
        <SecretDialog orgSlug={orgSlug} name={name} open={open === 'version'} onOpenChange={toggle('version')} />
      )}
      <SecretHistoryDialog
        orgSlug={orgSlug}
        name={name}
        canWrite={can.write}
        open={open === 'history'}
        onOpenChange={toggle('history')}
      />
      {can.delete && (
        <ConfirmAction
          trigger={null}
          open={open === 'delete'}
          onOpenChange={toggle('delete')}
          title={`Delete ${name}?`}
          description="Every version is deleted. Services that read it get 404 from their next request. This cannot be undone."
          action={deleteSecretAction}
          hidden={{ org: orgSlug, name }}
          confirmLabel="Delete secret"
        />
      )}
    </>
  )
}
