'use client'

import { useState } from 'react'
import { RowMenu } from '@/components/console/row-menu'
import { ConfirmAction } from '@/components/forms/confirm-action'
import { DropdownMenuItem } from '@/components/ui/dropdown-menu'
import { revokeApiKeyAction } from '../actions'

export function RevokeApiKey({ apiKey }: { apiKey: { id: string; name: string; prefix: string } }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <RowMenu label={`Actions for the ${apiKey.name} key`}>
        <DropdownMenuItem variant="destructive" onSelect={() => setOpen(true)}>
          Revoke…
        </DropdownMenuItem>
      </RowMenu>
      <ConfirmAction
        trigger={null}
        open={open}
        onOpenChange={setOpen}
        title={`Revoke ${apiKey.name}?`}
        description={`Requests with ${apiKey.prefix}… are refused from now on, on every instance. This cannot be undone.`}
        action={revokeApiKeyAction}
        hidden={{ key_id: apiKey.id }}
        confirmLabel="Revoke key"
      />
    </>
  )
}
