'use client'

import { useState } from 'react'
import { RowMenu } from '@/components/console/row-menu'
import { ActionDialog } from '@/components/forms/action-dialog'
import { ConfirmPasswordField } from '@/components/forms/confirm-password-field'
import { FormField } from '@/components/forms/form-field'
import { DropdownMenuItem } from '@/components/ui/dropdown-menu'
import { removePasskeyAction, renamePasskeyAction } from '../actions'

export function PasskeyActions({ passkey }: { passkey: { id: string; name: string } }) {
  const [dialog, setDialog] = useState<'rename' | 'remove' | null>(null)
  const [name, setName] = useState(passkey.name)
  return (
    <>
      <RowMenu label={`Actions for the passkey ${passkey.name}`}>
        <DropdownMenuItem onSelect={() => setDialog('rename')}>Rename…</DropdownMenuItem>
        <DropdownMenuItem variant="destructive" onSelect={() => setDialog('remove')}>
          Remove…
        </DropdownMenuItem>
      </RowMenu>
      <ActionDialog
        open={dialog === 'rename'}
        onOpenChange={(open) => setDialog(open ? 'rename' : null)}
        title="Rename passkey"
        action={renamePasskeyAction}
        hidden={{ passkey_id: passkey.id }}
        submitLabel="Rename"
      >
        {(fieldErrors) => (
          <FormField
            name="name"
            label="Name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            maxLength={64}
            required
            errors={fieldErrors?.name}
          />
        )}
      </ActionDialog>
      <ActionDialog
        open={dialog === 'remove'}
        onOpenChange={(open) => setDialog(open ? 'remove' : null)}
        title={`Remove the passkey ${passkey.name}?`}
        description="It stops working for Gatehouse at once. The copy on your device or in your password manager stays until you delete it there. Confirm with your password."
        action={removePasskeyAction}
        hidden={{ passkey_id: passkey.id }}
        submitLabel="Remove passkey"
      >
        {(fieldErrors) => <ConfirmPasswordField errors={fieldErrors?.password} />}
      </ActionDialog>
    </>
  )
}
