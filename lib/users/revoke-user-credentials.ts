import 'server-only'
import { and, eq, isNull } from 'drizzle-orm'
import type { Tx } from '@/db/client'
import { refreshTokens, sessions } from '@/db/schema'

/** Ends every browser session and every token family of a user; access tokens die with their family. */
export async function revokeUserCredentials(tx: Tx, userId: string) {
  const endedSessions = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id })
  const revokedTokens = await tx
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)))
    .returning({ id: refreshTokens.id })
  return { sessions: endedSessions.length, refreshTokens: revokedTokens.length }
}
