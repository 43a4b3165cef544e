'use client'

import { Plus } from 'lucide-react'
import { useState } from 'react'
import { ActionDialog } from '@/components/forms/action-dialog'
import { ConfirmPasswordField } from '@/components/forms/confirm-password-field'
import { FormField } from '@/components/forms/form-field'
import { registerPasskey } from '@/components/passkeys/passkey-ceremony'
import { Button } from '@/components/ui/button'
import { addPasskeyAction, startAddPasskeyAction } from '../actions'

const addPasskeyCeremony = registerPasskey(startAddPasskeyAction, addPasskeyAction)

/** Name and password, then the browser's own passkey prompt; the dialog closes once it is saved. */
export function AddPasskey({ suggestedName }: { suggestedName: string }) {
  // Controlled: React resets a form after its action, and a refused attempt must keep the name.
  const [name, setName] = useState(suggestedName)
  return (
    <ActionDialog
      trigger={
        <Button variant="outline" className="justify-self-start">
          <Plus aria-hidden /> Add a passkey
        </Button>
      }
      title="Add a passkey"
      description="Confirm with your password; your browser then asks where to keep the passkey (this device, your phone, a password manager or a security key)."
      action={addPasskeyCeremony}
      submitLabel="Continue"
    >
      {(fieldErrors) => (
        <>
          <FormField
            name="name"
            label="Name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            maxLength={64}
            required
            hint="So you can tell your passkeys apart."
            errors={fieldErrors?.name}
          />
          <ConfirmPasswordField errors={fieldErrors?.password} />
        </>
      )}
    </ActionDialog>
  )
}
