'use client'

import { useActionState, useEffect, useState } from 'react'
import { FormAlert } from '@/components/forms/form-alert'
import { NewPasswordField } from '@/components/forms/new-password-field'
import { PasswordField } from '@/components/forms/password-field'
import { TurnstileField } from '@/components/forms/turnstile-field'
import { Button } from '@/components/ui/button'
import type { PasswordPolicy } from '@/lib/auth/password-policy'
import { changePasswordAction } from '../actions'

export function ChangePasswordForm({
  policy,
  email,
  turnstileSiteKey,
}: {
  policy: PasswordPolicy
  email: string
  turnstileSiteKey?: string
}) {
  const [state, formAction, pending] = useActionState(changePasswordAction, null)
  // A new generation of the fields after a success empties them; a refusal keeps what was typed.
  const [generation, setGeneration] = useState(0)
  useEffect(() => {
    if (state?.ok) setGeneration((current) => current + 1)
  }, [state])
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined
  return (
    <form action={formAction} className="grid max-w-md gap-4" noValidate>
      <FormAlert state={state} />
      <PasswordFields key={generation} policy={policy} email={email} fieldErrors={fieldErrors} />
      {turnstileSiteKey && (
        <TurnstileField
          siteKey={turnstileSiteKey}
          action="password_change"
          errors={fieldErrors?.turnstile_token}
          attempt={state}
        />
      )}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Changing…' : 'Change password'}
        </Button>
      </div>
    </form>
  )
}

function PasswordFields({
  policy,
  email,
  fieldErrors,
}: {
  policy: PasswordPolicy
  email: string
  fieldErrors?: Record<string, string[]>
}) {
  return (
    <>
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <PasswordField
        name="current_password"
        label="Current password"
        autoComplete="current-password"
        errors={fieldErrors?.current_password}
      />
      <NewPasswordField
        name="new_password"
        label="New password"
        policy={policy}
        email={email}
        errors={fieldErrors?.new_password}
      />
      <PasswordField
        name="confirm_password"
        label="Confirm new password"
        autoComplete="new-password"
        errors={fieldErrors?.confirm_password}
      />
    </>
  )
}
