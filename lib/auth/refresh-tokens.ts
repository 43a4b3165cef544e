import 'server-only'
import { and, eq, isNull } from 'drizzle-orm'
import type { Db, Tx } from '@/db/client'
import { refreshTokens, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { RequestMeta } from '@/lib/audit/types'
import { randomToken, sha256Hex } from '@/lib/crypto/hash'
import { AppError, type ErrorCode } from '@/lib/errors'
import { metrics } from '@/lib/metrics/registry'

export const REFRESH_TOKEN_PREFIX = 'ghr_'

export interface IssuedRefreshToken {
  token: string
  familyId: string
  expiresAt: Date
}

/** Adds a refresh token to a family (a new family for a sign-in); only its SHA-256 is stored. */
export async function issueRefreshToken(
  tx: Tx,
  args: { userId: string; familyId?: string; ttlSeconds: number; meta: RequestMeta },
): Promise<IssuedRefreshToken> {
  const token = `${REFRESH_TOKEN_PREFIX}${randomToken(32)}`
  const familyId = args.familyId ?? crypto.randomUUID()
  const expiresAt = new Date(Date.now() + args.ttlSeconds * 1000)
  await tx.insert(refreshTokens).values({
    familyId,
    userId: args.userId,
    tokenHash: sha256Hex(token),
    expiresAt,
    ip: args.meta.ip,
    userAgent: args.meta.userAgent?.slice(0, 512) ?? null,
  })
  return { token, familyId, expiresAt }
}

async function revokeFamily(tx: Tx, familyId: string, at: Date) {
  await tx
    .update(refreshTokens)
    .set({ revokedAt: at })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
}

type Rotation = { ok: true; userId: string; next: IssuedRefreshToken } | { ok: false; code: ErrorCode; detail: string }

/**
 * Spends a refresh token and issues the next one of its family. A token presented after it was
 * spent is treated as stolen: the whole family is revoked, the newest token included, and the
 * revocation commits even though the caller gets 401 token_reused.
 */
export async function rotateRefreshToken(db: Db, args: { token: string; ttlSeconds: number; meta: RequestMeta }) {
  const now = new Date()
  const rotation: Rotation = await db.transaction(async (tx): Promise<Rotation> => {
    const [row] = await tx
      .select({ token: refreshTokens, disabledAt: users.disabledAt, email: users.email })
      .from(refreshTokens)
      .innerJoin(users, eq(users.id, refreshTokens.userId))
      .where(eq(refreshTokens.tokenHash, sha256Hex(args.token)))
      .for('update')
    if (!row || row.token.revokedAt)
      return { ok: false, code: 'invalid_token', detail: 'The refresh token is not valid' }
    const current = row.token
    const actor = { type: 'user' as const, id: current.userId, email: row.email }
    if (current.usedAt) {
      await revokeFamily(tx, current.familyId, now)
      await recordAudit(tx, {
        action: 'auth.token.reuse_detected',
        outcome: 'failure',
        actor,
        target: { type: 'token_family', id: current.familyId },
        meta: args.meta,
        details: { spent_at: current.usedAt.toISOString() },
      })
      return {
        ok: false,
        code: 'token_reused',
        detail: 'This refresh token was already used; every token of its sign-in has been revoked',
      }
    }
    if (current.expiresAt <= now) return { ok: false, code: 'token_expired', detail: 'The refresh token has expired' }
    if (row.disabledAt) return { ok: false, code: 'account_disabled', detail: 'This account is disabled' }
    await tx.update(refreshTokens).set({ usedAt: now }).where(eq(refreshTokens.id, current.id))
    const next = await issueRefreshToken(tx, {
      userId: current.userId,
      familyId: current.familyId,
      ttlSeconds: args.ttlSeconds,
      meta: args.meta,
    })
    await recordAudit(tx, {
      action: 'auth.token.refresh',
      actor,
      target: { type: 'token_family', id: current.familyId },
      meta: args.meta,
    })
    return { ok: true, userId: current.userId, next }
  })
  if (!rotation.ok) throw new AppError(rotation.code, rotation.detail)
  metrics().tokenRefreshes.inc()
  return { userId: rotation.userId, refresh: rotation.next }
}

/** Logout: revokes the family of a refresh token. Unknown tokens are ignored (idempotent 204). */
export async function revokeRefreshFamily(db: Db, args: { token: string; meta: RequestMeta }): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ familyId: refreshTokens.familyId, userId: refreshTokens.userId, revokedAt: refreshTokens.revokedAt })
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, sha256Hex(args.token)))
    if (!row || row.revokedAt) return
    await revokeFamily(tx, row.familyId, new Date())
    await recordAudit(tx, {
      action: 'auth.logout',
      actor: { type: 'user', id: row.userId },
      target: { type: 'token_family', id: row.familyId },
      meta: args.meta,
      details: { kind: 'api' },
    })
  })
}
