'use client'

import { ActionDialog } from '@/components/forms/action-dialog'
import { ConfirmPasswordField } from '@/components/forms/confirm-password-field'
import { FormField } from '@/components/forms/form-field'
import { Button } from '@/components/ui/button'
import { disableTotpAction } from '../actions'

export function DisableTotp() {
  return (
    <ActionDialog
      trigger={<Button variant="outline">Turn off…</Button>}
      title="Turn off the authenticator app?"
      description="Sign-in stops asking for its codes and the recovery codes stop working. Confirm with your password and a current code."
      action={disableTotpAction}
      submitLabel="Turn off"
    >
      {(fieldErrors) => (
        <>
          <ConfirmPasswordField errors={fieldErrors?.password} />
          <FormField
            name="code"
            label="Code from the app"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            required
            errors={fieldErrors?.code}
            className="font-mono"
          />
        </>
      )}
    </ActionDialog>
  )
}
