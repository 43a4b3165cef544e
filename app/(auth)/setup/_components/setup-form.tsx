'use client'

import { useActionState, useEffect, useState } from 'react'
import { FormAlert } from '@/components/forms/form-alert'
import { FormField } from '@/components/forms/form-field'
import { NewPasswordField } from '@/components/forms/new-password-field'
import { PasswordField } from '@/components/forms/password-field'
import { Button } from '@/components/ui/button'
import type { PasswordPolicy } from '@/lib/auth/password-policy'
import { setupAction } from '../actions'

export function SetupForm({ policy }: { policy: PasswordPolicy }) {
  const [state, formAction, pending] = useActionState(setupAction, null)
  // Controlled, so React's reset after a refused attempt does not wipe what the user typed.
  const [token, setToken] = useState('')
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined

  // The URL in the server log carries the token in the fragment, which never reaches a server.
  useEffect(() => {
    const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token')
    if (fromHash) {
      setToken(fromHash)
      window.history.replaceState(null, '', window.location.pathname)
    }
  }, [])

  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FormAlert state={state} />
      <FormField
        name="setup_token"
        label="Setup token"
        autoComplete="off"
        spellCheck={false}
        required
        value={token}
        onChange={(event) => setToken(event.target.value)}
        hint="Printed in the server log when Gatehouse started."
        errors={fieldErrors?.setup_token}
        className="font-mono"
      />
      <FormField
        name="name"
        label="Your name"
        autoComplete="name"
        required
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
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Creating your account…' : 'Create admin account'}
      </Button>
    </form>
  )
}
