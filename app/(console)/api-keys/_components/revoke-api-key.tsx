'use client'

import { ConfirmRowAction } from '@/components/console/confirm-row-action'
import { revokeApiKeyAction } from '../actions'

export function RevokeApiKey({ apiKey }: { apiKey: { id: string; name: string; prefix: string } }) {
  return (
    <ConfirmRowAction
      menuLabel={`Actions for the ${apiKey.name} key`}
      itemLabel="Revoke…"
      title={`Revoke ${apiKey.name}?`}
      description={`Requests with ${apiKey.prefix}… are refused from now on, on every instance. This cannot be undone.`}
      action={revokeApiKeyAction}
      hidden={{ key_id: apiKey.id }}
      confirmLabel="Revoke key"
    />
  )
}
