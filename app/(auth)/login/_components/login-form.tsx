'use client'

import Link from 'next/link'
import { useActionState, useState } from 'react'
import { FormAlert } from '@/components/forms/form-alert'
import { FormField } from '@/components/forms/form-field'
import { TurnstileField } from '@/components/forms/turnstile-field'
import { Button } from '@/components/ui/button'
import { signInAction } from '../actions'

export function LoginForm({ callbackUrl, turnstileSiteKey }: { callbackUrl?: string; turnstileSiteKey?: string }) {
  const [state, formAction, pending] = useActionState(signInAction, null)
  // Controlled, so React's reset after a failed attempt does not wipe what the user typed.
  const [email, setEmail] = useState('')
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FormAlert state={state} />
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
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
      <FormField
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        errors={fieldErrors?.password}
      />
      <Link
        href="/forgot-password"
        className="text-muted-foreground hover:text-foreground -mt-2 justify-self-end text-sm underline underline-offset-4"
      >
        Forgot password?
      </Link>
      {turnstileSiteKey && (
        <TurnstileField
          siteKey={turnstileSiteKey}
          action="login"
          errors={fieldErrors?.turnstile_token}
          attempt={state}
        />
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  )
}
