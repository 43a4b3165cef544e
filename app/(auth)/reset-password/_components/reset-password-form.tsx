'use client'

import Link from 'next/link'
import { useActionState } from 'react'
import { LinkTokenMissing } from '@/components/auth/link-token-missing'
import { useLinkToken } from '@/components/auth/use-link-token'
import { FormAlert } from '@/components/forms/form-alert'
import { NewPasswordField } from '@/components/forms/new-password-field'
import { PasswordField } from '@/components/forms/password-field'
import { Button } from '@/components/ui/button'
import type { PasswordPolicy } from '@/lib/auth/password-policy'
import { resetPasswordAction } from '../actions'

export function ResetPasswordForm({ policy }: { policy: PasswordPolicy }) {
  const token = useLinkToken()
  const [state, formAction, pending] = useActionState(resetPasswordAction, null)
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined
  if (token === undefined) return null
  if (token === null) return <LinkTokenMissing again={{ href: '/forgot-password', label: 'Ask for a new link' }} />
  if (state?.ok)
    return (
      <div className="grid gap-4">
        <FormAlert state={state} />
        <Button asChild className="w-full">
          <Link href="/login">Sign in</Link>
        </Button>
      </div>
    )
  const linkRefused = fieldErrors?.token ?? (state && !state.ok && !fieldErrors ? [state.error] : undefined)
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FormAlert state={state} />
      {linkRefused && (
        <Link href="/forgot-password" className="text-sm font-medium underline underline-offset-4">
          Ask for a new link
        </Link>
      )}
      <input type="hidden" name="token" value={token} />
      <NewPasswordField name="new_password" label="New password" policy={policy} errors={fieldErrors?.new_password} />
      <PasswordField
        name="confirm_password"
        label="Confirm new password"
        autoComplete="new-password"
        errors={fieldErrors?.confirm_password}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Saving…' : 'Set new password'}
      </Button>
    </form>
  )
}
