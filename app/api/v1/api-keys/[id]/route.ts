import { revokeApiKey } from '@/lib/api-keys/revoke-api-key'
import { apiKeyPathSchema } from '@/lib/api-keys/schemas'
import { auditActorOf } from '@/lib/auth/principal'
import { noContent } from '@/lib/http/respond'
import { route } from '@/lib/http/route'

// DELETE /api/v1/api-keys/{id}: revoke a key at once (its creator, or apikey:write in its org)
export const DELETE = route(
  { summary: 'revoke a key at once', params: apiKeyPathSchema },
  async ({ runtime, principal, params, meta }) => {
    await revokeApiKey(runtime.db, { principal, keyId: params.id, actor: auditActorOf(principal), meta })
    return noContent()
  },
)
