import 'server-only'
import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { refreshTokens, sessions } from '@/db/schema'

export interface UserSession {
  id: string
  kind: 'browser' | 'api'
  createdAt: Date
  lastUsedAt: Date
  ip: string | null
  userAgent: string | null
}

/**
 * Every live sign-in of a user: browser sessions, and API sign-ins as refresh-token families (one
 * row a family: created when it began, last used at its newest refresh, from the newest token's
 * address). Most recently used first.
 */
export async function findSessionsOfUser(db: Executor, userId: string, now = new Date()): Promise<UserSession[]> {
  const browser = await db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastUsedAt: sessions.lastUsedAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expires, now)))
    .orderBy(desc(sessions.lastUsedAt))
  const api = await db
    .select({
      id: refreshTokens.familyId,
      createdAt: sql<string>`min(${refreshTokens.createdAt})`,
      lastUsedAt: sql<string>`max(${refreshTokens.createdAt})`,
      ip: sql<string | null>`(array_agg(${refreshTokens.ip} order by ${refreshTokens.createdAt} desc))[1]`,
      userAgent: sql<
        string | null
      >`(array_agg(${refreshTokens.userAgent} order by ${refreshTokens.createdAt} desc))[1]`,
    })
    .from(refreshTokens)
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)))
    .groupBy(refreshTokens.familyId)
    // A family is live while it holds an unspent, unexpired token.
    .having(sql`bool_or(${refreshTokens.usedAt} is null and ${refreshTokens.expiresAt} > ${now.toISOString()})`)
    .orderBy(asc(refreshTokens.familyId))
  return [
    ...browser.map((row) => ({ ...row, kind: 'browser' as const })),
    ...api.map((row) => ({
      ...row,
      kind: 'api' as const,
      createdAt: new Date(row.createdAt),
      lastUsedAt: new Date(row.lastUsedAt),
    })),
  ].sort((a, b) => b.lastUsedAt.getTime() - a.lastUsedAt.getTime())
}
