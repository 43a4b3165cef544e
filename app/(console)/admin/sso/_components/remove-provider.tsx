'use client'

import { ConfirmRowAction } from '@/components/console/confirm-row-action'
import { deleteProviderAction } from '../actions'

export function RemoveProvider({ provider }: { provider: { slug: string; name: string } }) {
  return (
    <ConfirmRowAction
      menuLabel={`Actions for ${provider.name}`}
      itemLabel="Remove…"
      title={`Remove ${provider.name}?`}
      description="Its sign-in button disappears, its client secret is deleted and the identities linked through it are unlinked. Accounts it created stay, without a password."
      action={deleteProviderAction}
      hidden={{ slug: provider.slug }}
      confirmLabel="Remove provider"
      destructive
    />
  )
}
