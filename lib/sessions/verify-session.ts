import 'server-only'
import { and, eq, gt, isNull, lt } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { sessions, users } from '@/db/schema'
import { sha256Hex } from '@/lib/crypto/hash'

// last_used_at is written at most this often per session, so reads stay reads.
const TOUCH_INTERVAL_MS = 60_000

export interface SessionUser {
  sessionId: string
  expires: Date
  user: { id: string; email: string; name: string | null; isAdmin: boolean }
}

/**
 * Looks the cookie up by its hash. A deleted or expired row, or a disabled user, is no session:
 * this is what makes revocation take effect on the very next request.
 */
export async function verifySession(db: Executor, token: string | undefined): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null
  const now = new Date()
  const [row] = await db
    .select({
      sessionId: sessions.id,
      sessionToken: sessions.sessionToken,
      expires: sessions.expires,
      lastUsedAt: sessions.lastUsedAt,
      id: users.id,
      email: users.email,
      name: users.name,
      isAdmin: users.isAdmin,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.sessionToken, sha256Hex(token)), gt(sessions.expires, now), isNull(users.disabledAt)))
  if (!row) return null
  if (now.getTime() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db
      .update(sessions)
      .set({ lastUsedAt: now })
      .where(and(eq(sessions.sessionToken, row.sessionToken), lt(sessions.lastUsedAt, new Date(now.getTime() - TOUCH_INTERVAL_MS))))
  }
  return { sessionId: row.sessionId, expires: row.expires, user: { id: row.id, email: row.email, name: row.name, isAdmin: row.isAdmin } }
}
