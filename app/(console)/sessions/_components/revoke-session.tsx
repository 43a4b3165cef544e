'use client'

import { useState } from 'react'
import { RowMenu } from '@/components/console/row-menu'
import { ConfirmAction } from '@/components/forms/confirm-action'
import { DropdownMenuItem } from '@/components/ui/dropdown-menu'
import { revokeSessionAction } from '../actions'

export function RevokeSession({ session }: { session: { id: string; label: string; kind: 'browser' | 'api' } }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <RowMenu label={`Actions for ${session.label}`}>
        <DropdownMenuItem variant="destructive" onSelect={() => setOpen(true)}>
          {session.kind === 'browser' ? 'Sign out…' : 'End…'}
        </DropdownMenuItem>
      </RowMenu>
      <ConfirmAction
        trigger={null}
        open={open}
        onOpenChange={setOpen}
        title={session.kind === 'browser' ? `Sign out ${session.label}?` : `End the API sign-in from ${session.label}?`}
        description={
          session.kind === 'browser'
            ? 'That browser is signed out on its next request.'
            : 'Its refresh token and every access token issued from it are refused from the next request on.'
        }
        action={revokeSessionAction}
        hidden={{ session_id: session.id }}
        confirmLabel={session.kind === 'browser' ? 'Sign out' : 'End sign-in'}
      />
    </>
  )
}
