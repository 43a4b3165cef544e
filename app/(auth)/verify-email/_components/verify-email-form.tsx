'use client'

import Link from 'next/link'
import { useActionState } from 'react'
import { LinkTokenMissing } from '@/components/auth/link-token-missing'
import { useLinkToken } from '@/components/auth/use-link-token'
import { FormAlert } from '@/components/forms/form-alert'
import { Button } from '@/components/ui/button'
import { verifyEmailAction } from '../actions'

/** A button, not an automatic POST: mail scanners open links, and some run their scripts too. */
export function VerifyEmailForm() {
  const token = useLinkToken()
  const [state, formAction, pending] = useActionState(verifyEmailAction, null)
  if (token === undefined) return null
  if (token === null) return <LinkTokenMissing again={{ href: '/security', label: 'Send a new link from Security' }} />
  if (state?.ok)
    return (
      <div className="grid gap-4">
        <FormAlert state={state} />
        <Button asChild className="w-full">
          <Link href="/">Continue to Gatehouse</Link>
        </Button>
      </div>
    )
  return (
    <form action={formAction} className="grid gap-4">
      <FormAlert state={state} />
      {state && !state.ok && (
        <Link href="/security" className="text-sm font-medium underline underline-offset-4">
          Send a new link from Security
        </Link>
      )}
      <input type="hidden" name="token" value={token} />
      <Button type="submit" className="w-full" disabled={pending} autoFocus>
        {pending ? 'Confirming…' : 'Confirm my address'}
      </Button>
    </form>
  )
}
