'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { defineAction } from '@/lib/actions/define-action'
import { revokeOtherSessions, revokeSession } from '@/lib/sessions/revoke-sessions'
import { revokeSessionFormSchema } from '@/lib/sessions/schemas'

export const revokeSessionAction = defineAction(
  { schema: revokeSessionFormSchema },
  async ({ input, runtime, session, actor, meta }) => {
    const kind = await revokeSession(runtime.db, { userId: session.user.id, id: input.session_id, actor, meta })
    revalidatePath('/sessions')
    return {
      ok: true,
      message:
        kind === 'browser' ? 'That browser is signed out.' : 'That API sign-in is ended; its tokens are refused.',
    }
  },
)

export const revokeOtherSessionsAction = defineAction(
  { schema: z.object({}) },
  async ({ runtime, session, actor, meta }) => {
    const counts = await revokeOtherSessions(runtime.db, {
      userId: session.user.id,
      keep: { sessionId: session.sessionId },
      actor,
      meta,
    })
    revalidatePath('/sessions')
    return {
      ok: true,
      message: `Signed out ${counts.browser} other browser${counts.browser === 1 ? '' : 's'} and ended ${counts.api} API sign-in${counts.api === 1 ? '' : 's'}.`,
    }
  },
)
