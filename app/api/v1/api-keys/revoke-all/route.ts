import { revokeAllApiKeys } from '@/lib/api-keys/revoke-api-key'
import { auditActorOf } from '@/lib/auth/principal'
import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'

// POST /api/v1/api-keys/revoke-all: revoke every key the caller created (signed-in users)
export const POST = route({ summary: 'revoke every key the caller created' }, async ({ runtime, principal, meta }) => {
  const revoked = await revokeAllApiKeys(runtime.db, {
    userId: principal.user.id,
    actor: auditActorOf(principal),
    meta,
  })
  return json({ revoked })
})
