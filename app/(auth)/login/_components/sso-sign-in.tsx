'use client'

import { KeyRound } from 'lucide-react'
import { useActionState, useEffect, useState } from 'react'
import { FormAlert } from '@/components/forms/form-alert'
import { FormField } from '@/components/forms/form-field'
import { Button } from '@/components/ui/button'
import { ssoStartPath } from '@/lib/oidc/sso-start-path'
import { continueWithSsoAction } from '../actions'

interface SsoSignInProps {
  providers: { slug: string; name: string }[]
  /** Whether any provider names e-mail domains, so that "Continue with SSO" can route by one. */
  routesByDomain: boolean
  callbackUrl?: string
}

/** One button per provider, and "Continue with SSO", which asks for a work e-mail and finds its provider. */
export function SsoSignIn({ providers, routesByDomain, callbackUrl }: SsoSignInProps) {
  const [asking, setAsking] = useState(false)
  const [state, formAction, pending] = useActionState(continueWithSsoAction, null)
  const [email, setEmail] = useState('')
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined
  const location = state?.ok && 'location' in state ? String(state.location) : undefined
  useEffect(() => {
    if (location) window.location.assign(location)
  }, [location])
  return (
    <div className="grid gap-2">
      {providers.map((provider) => (
        <Button key={provider.slug} variant="outline" className="w-full" asChild>
          <a href={ssoStartPath(provider.slug, { callbackUrl })}>Sign in with {provider.name}</a>
        </Button>
      ))}
      {routesByDomain && !asking && (
        <Button type="button" variant="ghost" className="w-full" onClick={() => setAsking(true)}>
          <KeyRound aria-hidden />
          Continue with SSO
        </Button>
      )}
      {routesByDomain && asking && (
        <form action={formAction} className="grid gap-3 rounded-md border p-3" noValidate>
          <FormAlert state={state?.ok ? null : state} />
          {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
          <FormField
            name="email"
            label="Work e-mail"
            type="email"
            autoComplete="email"
            required
            autoFocus
            hint="We send you to your organization’s identity provider."
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            errors={fieldErrors?.email}
          />
          <Button type="submit" variant="secondary" className="w-full" disabled={pending || Boolean(location)}>
            {pending || location ? 'Finding your provider…' : 'Continue with SSO'}
          </Button>
        </form>
      )}
    </div>
  )
}
