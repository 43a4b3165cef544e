'use client'

import { useActionState, useState } from 'react'
import { FormAlert } from '@/components/forms/form-alert'
import { FormField } from '@/components/forms/form-field'
import { NewPasswordField } from '@/components/forms/new-password-field'
import { PasswordField } from '@/components/forms/password-field'
import { TurnstileField } from '@/components/forms/turnstile-field'
import { Button } from '@/components/ui/button'
import type { PasswordPolicy } from '@/lib/auth/password-policy'
import { registerAction } from '../actions'

export function RegisterForm({ policy, turnstileSiteKey }: { policy: PasswordPolicy; turnstileSiteKey?: string }) {
  const [state, formAction, pending] = useActionState(registerAction, null)
  // Controlled, so React's reset after a refused attempt does not wipe what the user typed.
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FormAlert state={state} />
      <FormField
        name="name"
        label="Your name"
        autoComplete="name"
        required
        autoFocus
        value={name}
        onChange={(event) => setName(event.target.value)}
        errors={fieldErrors?.name}
      />
      <FormField
        name="email"
        label="E-mail"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        errors={fieldErrors?.email}
      />
      <NewPasswordField label="Password" policy={policy} email={email} errors={fieldErrors?.password} />
      <PasswordField
        name="confirm_password"
        label="Confirm password"
        autoComplete="new-password"
        errors={fieldErrors?.confirm_password}
      />
      {turnstileSiteKey && (
        <TurnstileField
          siteKey={turnstileSiteKey}
          action="register"
          errors={fieldErrors?.turnstile_token}
          attempt={state}
        />
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Creating your account…' : 'Create account'}
      </Button>
    </form>
  )
}
