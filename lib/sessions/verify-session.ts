import 'server-only'
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { preparedPerDatabase } from '@/db/prepared'
import { sessions, users } from '@/db/schema'
import type { PrincipalUser } from '@/lib/auth/principal'
import { principalUserColumns } from '@/lib/auth/principal-columns'
import { sha256Hex } from '@/lib/crypto/hash'
import { membershipsFromJson, membershipsJson } from '@/lib/rbac/memberships-json'
import type { OrgAccess } from '@/lib/rbac/org-access'

// last_used_at is written at most this often per session, so reads stay reads.
const TOUCH_INTERVAL_MS = 60_000

export interface SessionUser {
  sessionId: string
  expires: Date
  user: PrincipalUser
  memberships: readonly OrgAccess[]
}

// One round trip: the live session, its user unless disabled, and the user's memberships.
const lookup = preparedPerDatabase((db) =>
  db
    .select({
      sessionId: sessions.id,
      sessionToken: sessions.sessionToken,
      expires: sessions.expires,
      lastUsedAt: sessions.lastUsedAt,
      user: principalUserColumns,
      memberships: membershipsJson,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.sessionToken, sql.placeholder('hash')),
        gt(sessions.expires, sql.placeholder('now')),
        isNull(users.disabledAt),
      ),
    )
    .prepare('gatehouse_verify_session'),
)

/**
 * Looks the cookie up by its hash. A deleted or expired row, or a disabled user, is no session:
 * this is what makes revocation take effect on the very next request.
 */
export async function verifySession(db: Db, token: string | undefined): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null
  const now = new Date()
  const [row] = await lookup(db).execute({ hash: sha256Hex(token), now: now.toISOString() })
  if (!row) return null
  if (now.getTime() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db
      .update(sessions)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(sessions.sessionToken, row.sessionToken),
          lt(sessions.lastUsedAt, new Date(now.getTime() - TOUCH_INTERVAL_MS)),
        ),
      )
  }
  return {
    sessionId: row.sessionId,
    expires: row.expires,
    user: row.user,
    memberships: membershipsFromJson(row.memberships),
  }
}
