'use client'

import { ActionDialog } from '@/components/forms/action-dialog'
import { FormField } from '@/components/forms/form-field'
import { PasswordField } from '@/components/forms/password-field'
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
          <PasswordField
            name="password"
            label="Password"
            autoComplete="current-password"
            errors={fieldErrors?.password}
          />
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
