import { resetMfa } from '@/lib/auth/mfa/reset-mfa'
import { auditActorOf } from '@/lib/auth/principal'
import { noContent } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { userPathSchema } from '@/lib/users/admin-schemas'

// POST /api/v1/admin/users/{id}/reset-mfa: clear a user's second factor, e.g. after a lost phone (instance admins)
export const POST = route(
  { summary: "clear a user's second factor, e.g. after a lost phone", admin: true, params: userPathSchema },
  async ({ runtime, principal, params, meta }) => {
    await resetMfa(runtime.db, { userId: params.id, actor: auditActorOf(principal), meta })
    return noContent()
  },
)
