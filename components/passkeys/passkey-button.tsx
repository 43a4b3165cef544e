'use client'

import { browserSupportsWebAuthn } from '@simplewebauthn/browser'
import { KeyRound } from 'lucide-react'
import { useActionState, useSyncExternalStore } from 'react'
import { FormAlert } from '@/components/forms/form-alert'
import type { FormAction } from '@/components/forms/use-action-dialog'
import { Button } from '@/components/ui/button'

const noSubscription = () => () => {}

/** A one-button form that runs a passkey ceremony (sign-in, or the second step); refusals show above it. */
export function PasskeyButton({
  action,
  label,
  callbackUrl,
  variant = 'outline',
}: {
  action: FormAction
  label: string
  callbackUrl?: string
  variant?: 'outline' | 'default'
}) {
  const [state, formAction, pending] = useActionState(action, null)
  // Known only in the browser; the server renders the button enabled.
  const supported = useSyncExternalStore(noSubscription, browserSupportsWebAuthn, () => true)
  return (
    <form action={formAction} className="grid gap-3">
      {state && !state.ok && <FormAlert state={state} />}
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <Button type="submit" variant={variant} className="w-full" disabled={pending || !supported}>
        <KeyRound aria-hidden />
        {pending ? 'Waiting for your passkey…' : label}
      </Button>
      {!supported && (
        <p className="text-muted-foreground text-center text-xs">This browser does not support passkeys.</p>
      )}
    </form>
  )
}
