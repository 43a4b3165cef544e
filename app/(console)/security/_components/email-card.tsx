'use client'

import { BadgeCheck, MailWarning } from 'lucide-react'
import { useActionState } from 'react'
import { FormAlert } from '@/components/forms/form-alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { resendVerificationAction } from '../actions'

export function EmailCard({ email, verified }: { email: string; verified: boolean }) {
  const [state, formAction, pending] = useActionState(resendVerificationAction, null)
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>E-mail address</h2>
        </CardTitle>
        <CardDescription>Password resets and security alerts go to this address.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="font-medium break-all">{email}</span>
          {verified ? (
            <Badge variant="secondary">
              <BadgeCheck aria-hidden />
              Verified
            </Badge>
          ) : (
            <Badge variant="outline">
              <MailWarning aria-hidden />
              Not verified
            </Badge>
          )}
        </div>
        {!verified && (
          <form action={formAction} className="grid justify-items-start gap-3">
            <p className="text-muted-foreground text-sm">
              Open the link in the mail we sent when you signed up. No mail? Send it again.
            </p>
            <FormAlert state={state} />
            <Button type="submit" variant="outline" disabled={pending}>
              {pending ? 'Sending…' : 'Resend the link'}
            </Button>
          </form>
        )}
      </CardContent>
    </Card>
  )
}
