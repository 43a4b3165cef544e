'use client'

import { useActionState, useState } from 'react'
import { FormAlert } from '@/components/forms/form-alert'
import { FormField } from '@/components/forms/form-field'
import { Button } from '@/components/ui/button'
import { secondFactorAction } from '../../actions'

/** The code from the authenticator app, or, behind a switch, one recovery code. */
export function SecondFactorForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, formAction, pending] = useActionState(secondFactorAction, null)
  const [useRecoveryCode, setUseRecoveryCode] = useState(false)
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FormAlert state={state} />
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      {useRecoveryCode ? (
        <FormField
          key="recovery"
          name="recovery_code"
          label="Recovery code"
          autoComplete="off"
          spellCheck={false}
          required
          autoFocus
          hint="One of the ten codes you saved when you turned two-factor on. Each works once."
          errors={fieldErrors?.recovery_code}
          className="font-mono"
        />
      ) : (
        <FormField
          key="totp"
          name="totp_code"
          label="Authentication code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          required
          autoFocus
          hint="The 6-digit code your authenticator app shows for Gatehouse."
          errors={fieldErrors?.totp_code}
          className="font-mono tracking-widest"
        />
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Checking…' : 'Verify'}
      </Button>
      <Button
        type="button"
        variant="link"
        className="justify-self-center"
        onClick={() => setUseRecoveryCode((current) => !current)}
      >
        {useRecoveryCode ? 'Use the code from your app' : 'Use a recovery code instead'}
      </Button>
    </form>
  )
}
