import { auditActorOf } from '@/lib/auth/principal'
import { noContent } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { revokeSession } from '@/lib/sessions/revoke-sessions'
import { sessionPathSchema } from '@/lib/sessions/schemas'

// DELETE /api/v1/sessions/{id}: end one of the caller's sessions or API sign-ins (any signed-in user)
export const DELETE = route(
  { summary: "end one of the caller's sessions or API sign-ins", params: sessionPathSchema },
  async ({ runtime, principal, params, meta }) => {
    await revokeSession(runtime.db, { userId: principal.user.id, id: params.id, actor: auditActorOf(principal), meta })
    return noContent()
  },
)
