import 'server-only'
import { eq } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { sessions } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { RequestMeta } from '@/lib/audit/types'
import { sha256Hex } from '@/lib/crypto/hash'

/** Deletes the session behind a cookie (sign-out) and records auth.logout when there was one. */
export async function endSession(db: Db, token: string | undefined, meta: RequestMeta): Promise<void> {
  if (!token) return
  await db.transaction(async (tx) => {
    const [ended] = await tx
      .delete(sessions)
      .where(eq(sessions.sessionToken, sha256Hex(token)))
      .returning({ id: sessions.id, userId: sessions.userId })
    if (!ended) return
    await recordAudit(tx, {
      action: 'auth.logout',
      actor: { type: 'user', id: ended.userId },
      target: { type: 'session', id: ended.id },
      meta,
      details: { kind: 'browser' },
    })
  })
}
