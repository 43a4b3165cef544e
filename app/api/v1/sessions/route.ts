import { auditActorOf } from '@/lib/auth/principal'
import { listQuerySchema } from '@/lib/http/list-query'
import { pageOfAll } from '@/lib/http/pagination'
import { json, noContent } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { currentSignInOf } from '@/lib/sessions/current-sign-in'
import { findSessionsOfUser } from '@/lib/sessions/list-sessions'
import { revokeOtherSessions } from '@/lib/sessions/revoke-sessions'
import { sessionResponse } from '@/lib/sessions/schemas'

// GET /api/v1/sessions: the caller's browser sessions and API sign-ins (any signed-in user)
export const GET = route(
  { summary: "the caller's browser sessions and API sign-ins", query: listQuerySchema },
  async ({ runtime, principal, query }) => {
    const current = currentSignInOf(principal)
    const items = (await findSessionsOfUser(runtime.db, principal.user.id)).map((session) =>
      sessionResponse.parse({ ...session, current: session.id === current }),
    )
    return json(pageOfAll(items, query.limit, query.cursor))
  },
)

// DELETE /api/v1/sessions: sign out everywhere but this session or API sign-in (any signed-in user)
export const DELETE = route(
  { summary: 'end every other session and API sign-in of the caller' },
  async ({ runtime, principal, meta }) => {
    const keep = principal.via === 'session' ? { sessionId: principal.sessionId } : { familyId: principal.familyId }
    await revokeOtherSessions(runtime.db, { userId: principal.user.id, keep, actor: auditActorOf(principal), meta })
    return noContent()
  },
)
