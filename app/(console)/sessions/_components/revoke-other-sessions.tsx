'use client'

import { LogOut } from 'lucide-react'
import { ConfirmAction } from '@/components/forms/confirm-action'
import { Button } from '@/components/ui/button'
import { revokeOtherSessionsAction } from '../actions'

export function RevokeOtherSessions({ disabled }: { disabled: boolean }) {
  return (
    <ConfirmAction
      trigger={
        <Button variant="outline" disabled={disabled}>
          <LogOut aria-hidden /> Sign out everywhere else
        </Button>
      }
      title="Sign out everywhere else?"
      description="Every other browser is signed out and every API sign-in ends. This browser stays signed in."
      action={revokeOtherSessionsAction}
      hidden={{}}
      confirmLabel="Sign out everywhere else"
    />
  )
}
