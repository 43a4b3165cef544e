import 'server-only'
import { and, eq, isNull } from 'drizzle-orm'
import type { Db, Tx } from '@/db/client'
import { refreshTokens, sessions } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import { endSignIns } from './end-sign-ins'

interface RevokeArgs {
  userId: string
  actor: AuditActor
  meta: RequestMeta
}

function revokeFamily(tx: Tx, userId: string, familyId: string) {
  return tx
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.userId, userId), eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
    .returning({ familyId: refreshTokens.familyId })
}

/**
 * Ends the user's browser session or API sign-in (a refresh-token family, whose access tokens are
 * refused from the next request on) with this id, inside the caller's transaction: which it was,
 * or undefined when the user has no live one by that id.
 */
export async function endSignIn(tx: Tx, userId: string, id: string): Promise<'browser' | 'api' | undefined> {
  const [ended] = await tx
    .delete(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId)))
    .returning({ id: sessions.id })
  if (ended) return 'browser'
  return (await revokeFamily(tx, userId, id)).length > 0 ? 'api' : undefined
}

/** Ends one browser session or one API sign-in of the user, audited. Another user's, or an unknown id: 404. */
export async function revokeSession(db: Db, args: RevokeArgs & { id: string }): Promise<'browser' | 'api'> {
  return db.transaction(async (tx) => {
    const kind = await endSignIn(tx, args.userId, args.id)
    if (!kind) throw new AppError('not_found', 'No such session')
    await recordAudit(tx, {
      action: 'session.revoke',
      actor: args.actor,
      target: { type: 'session', id: args.id },
      meta: args.meta,
      details: { kind },
    })
    return kind
  })
}

/** "Sign out everywhere else": every session and API sign-in of the user but the one making the request. */
export async function revokeOtherSessions(
  db: Db,
  args: RevokeArgs & { keep: { sessionId?: string; familyId?: string } },
) {
  return db.transaction(async (tx) => {
    const ended = await endSignIns(tx, args.userId, args.keep)
    const counts = { browser: ended.sessions, api: ended.families }
    await recordAudit(tx, {
      action: 'session.revoke',
      actor: args.actor,
      target: { type: 'user', id: args.userId },
      meta: args.meta,
      details: { all_others: true, ...counts },
    })
    return counts
  })
}
