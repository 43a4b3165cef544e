import 'server-only'
import { and, eq, isNull, ne } from 'drizzle-orm'
import type { Tx } from '@/db/client'
import { refreshTokens, sessions } from '@/db/schema'

/**
 * Ends a user's browser sessions and refresh-token families (their access tokens die with their
 * family), except the ones named in `keep`; inside the caller's transaction.
 */
export async function endSignIns(tx: Tx, userId: string, keep: { sessionId?: string; familyId?: string } = {}) {
  const ended = await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keep.sessionId ? ne(sessions.id, keep.sessionId) : undefined))
    .returning({ id: sessions.id })
  const revoked = await tx
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(refreshTokens.userId, userId),
        isNull(refreshTokens.revokedAt),
        keep.familyId ? ne(refreshTokens.familyId, keep.familyId) : undefined,
      ),
    )
    .returning({ familyId: refreshTokens.familyId })
  return {
    sessions: ended.length,
    refreshTokens: revoked.length,
    families: new Set(revoked.map((row) => row.familyId)).size,
  }
}
