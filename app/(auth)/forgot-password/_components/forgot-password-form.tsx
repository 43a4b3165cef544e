'use client'

import Link from 'next/link'
import { useActionState, useState } from 'react'
import { FormAlert } from '@/components/forms/form-alert'
import { FormField } from '@/components/forms/form-field'
import { TurnstileField } from '@/components/forms/turnstile-field'
import { Button } from '@/components/ui/button'
import { forgotPasswordAction } from '../actions'

export function ForgotPasswordForm({ turnstileSiteKey }: { turnstileSiteKey?: string }) {
  const [state, formAction, pending] = useActionState(forgotPasswordAction, null)
  const [email, setEmail] = useState('')
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined
  if (state?.ok)
    return (
      <div className="grid gap-4">
        <FormAlert state={state} />
        <Button asChild variant="outline" className="w-full">
          <Link href="/login">Back to sign in</Link>
        </Button>
      </div>
    )
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FormAlert state={state} />
      <FormField
        name="email"
        label="E-mail"
        type="email"
        autoComplete="username"
        required
        autoFocus
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        errors={fieldErrors?.email}
      />
      {turnstileSiteKey && (
        <TurnstileField
          siteKey={turnstileSiteKey}
          action="password_reset"
          errors={fieldErrors?.turnstile_token}
          attempt={state}
        />
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Sending…' : 'Send me a link'}
      </Button>
    </form>
  )
}
