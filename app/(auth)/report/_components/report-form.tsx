'use client'

import Link from 'next/link'
import { useActionState } from 'react'
import { LinkTokenMissing } from '@/components/auth/link-token-missing'
import { useLinkToken } from '@/components/auth/use-link-token'
import { FormAlert } from '@/components/forms/form-alert'
import { Button } from '@/components/ui/button'
import { reportAction } from '../actions'

const NEXT_STEPS = [
  { href: '/forgot-password', label: 'Choose a new password', why: 'whoever it was may know the current one' },
  { href: '/sessions', label: 'Review your sessions', why: 'and end any you do not recognise' },
  { href: '/api-keys', label: 'Check your API keys', why: 'and revoke any you did not create' },
  { href: '/security', label: 'Check your second factors', why: 'an authenticator app or passkeys you did not add' },
]

/** One confirming click: a mail scanner that opens the link ends nothing. */
export function ReportForm() {
  const token = useLinkToken()
  const [state, formAction, pending] = useActionState(reportAction, null)
  if (token === undefined) return null
  if (token === null) return <LinkTokenMissing again={{ href: '/sessions', label: 'Review your sessions instead' }} />
  if (state?.ok)
    return (
      <div className="grid gap-4">
        <FormAlert state={state} />
        <div className="grid gap-2 text-sm">
          <p className="font-medium">What to do next</p>
          <ul className="grid gap-2">
            {NEXT_STEPS.map((step) => (
              <li key={step.href}>
                <Link href={step.href} className="font-medium underline underline-offset-4">
                  {step.label}
                </Link>{' '}
                <span className="text-muted-foreground">({step.why})</span>
              </li>
            ))}
          </ul>
          <p className="text-muted-foreground">
            Tell your administrator too: they can see what happened in the audit log.
          </p>
        </div>
      </div>
    )
  return (
    <form action={formAction} className="grid gap-4">
      <FormAlert state={state} />
      <input type="hidden" name="token" value={token} />
      <Button type="submit" variant="destructive" className="w-full" disabled={pending}>
        {pending ? 'Ending it…' : 'This wasn’t me: end it'}
      </Button>
    </form>
  )
}
