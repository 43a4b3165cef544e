'use client'

import { ConfirmRowAction } from '@/components/console/confirm-row-action'
import { revokeSessionAction } from '../actions'

export function RevokeSession({ session }: { session: { id: string; label: string; kind: 'browser' | 'api' } }) {
  const browser = session.kind === 'browser'
  return (
    <ConfirmRowAction
      menuLabel={`Actions for ${session.label}`}
      itemLabel={browser ? 'Sign out…' : 'End…'}
      title={browser ? `Sign out ${session.label}?` : `End the API sign-in from ${session.label}?`}
      description={
        browser
          ? 'That browser is signed out on its next request.'
          : 'Its refresh token and every access token issued from it are refused from the next request on.'
      }
      action={revokeSessionAction}
      hidden={{ session_id: session.id }}
      confirmLabel={browser ? 'Sign out' : 'End sign-in'}
    />
  )
}
