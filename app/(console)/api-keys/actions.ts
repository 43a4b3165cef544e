'use server'

import { revalidatePath } from 'next/cache'
import { defineAction } from '@/lib/actions/define-action'
import { createApiKey } from '@/lib/api-keys/create-api-key'
import { createApiKeyFormSchema, expiryFromPreset, revokeApiKeyFormSchema } from '@/lib/api-keys/form-schemas'
import { revokeApiKey } from '@/lib/api-keys/revoke-api-key'
import { principalOfSession } from '@/lib/auth/require'

export const createApiKeyAction = defineAction(
  { schema: createApiKeyFormSchema, org: 'apikey:write' },
  async ({ input, runtime, access, session, actor, meta }) => {
    const key = await createApiKey(runtime, {
      access,
      user: session.user,
      name: input.name,
      scopes: input.scopes,
      expiresAt: expiryFromPreset(input.expires_in),
      actor,
      meta,
    })
    revalidatePath('/api-keys')
    return { ok: true, message: `Created ${key.name}. Copy the key now: it is not shown again.`, reveal: key.key }
  },
)

export const revokeApiKeyAction = defineAction(
  { schema: revokeApiKeyFormSchema },
  async ({ input, runtime, session, actor, meta }) => {
    await revokeApiKey(runtime.db, { principal: principalOfSession(session), keyId: input.key_id, actor, meta })
    revalidatePath('/api-keys')
    return { ok: true, message: 'Key revoked.' }
  },
)
