import 'server-only'
import { and, eq, gt, isNull } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { type MailTokenPurpose, mailTokens } from '@/db/schema'
import { randomToken, sha256Hex } from '@/lib/crypto/hash'
import { AppError } from '@/lib/errors'

export interface MailTokenTarget {
  type: string
  id: string
}

export interface SpentMailToken {
  userId: string
  /** What a report ends. */
  target?: MailTokenTarget
  /** The known device a report forgets. */
  deviceId?: string
}

/** A reset or verification mail replaces the one before it; every alert keeps its own report link. */
const SUPERSEDED_BY_NEWER: readonly MailTokenPurpose[] = ['password_reset', 'email_verify']

/** A new token for a mail's link (only its SHA-256 is kept), inside the caller's transaction. */
export async function issueMailToken(
  db: Executor,
  args: { userId: string; purpose: MailTokenPurpose; ttlSeconds: number; target?: MailTokenTarget; deviceId?: string },
): Promise<string> {
  const token = randomToken(32)
  const now = new Date()
  if (SUPERSEDED_BY_NEWER.includes(args.purpose))
    await db
      .update(mailTokens)
      .set({ usedAt: now })
      .where(and(eq(mailTokens.userId, args.userId), eq(mailTokens.purpose, args.purpose), isNull(mailTokens.usedAt)))
  await db.insert(mailTokens).values({
    userId: args.userId,
    purpose: args.purpose,
    tokenHash: sha256Hex(token),
    targetType: args.target?.type ?? null,
    targetId: args.target?.id ?? null,
    deviceId: args.deviceId ?? null,
    expiresAt: new Date(now.getTime() + args.ttlSeconds * 1000),
  })
  return token
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/

const refused = () =>
  new AppError('invalid_token', 'This link is not valid: it was used already, has expired or was mistyped.')

/** The unspent, unexpired row of this token and purpose. */
const usable = (token: string, purpose: MailTokenPurpose) =>
  and(
    eq(mailTokens.tokenHash, sha256Hex(token)),
    eq(mailTokens.purpose, purpose),
    isNull(mailTokens.usedAt),
    gt(mailTokens.expiresAt, new Date()),
  )

type MailTokenRow = typeof mailTokens.$inferSelect

const spent = (row: MailTokenRow): SpentMailToken => ({
  userId: row.userId,
  ...(row.targetType && row.targetId ? { target: { type: row.targetType, id: row.targetId } } : {}),
  ...(row.deviceId ? { deviceId: row.deviceId } : {}),
})

/**
 * Whose a token is, without spending it: for checks that must not use up the link when they
 * refuse (a weak new password). spendMailToken still decides, once.
 */
export async function peekMailToken(
  db: Executor,
  args: { token: string; purpose: MailTokenPurpose },
): Promise<SpentMailToken> {
  if (!TOKEN_SHAPE.test(args.token)) throw refused()
  const [row] = await db.select().from(mailTokens).where(usable(args.token, args.purpose))
  if (!row) throw refused()
  return spent(row)
}

/**
 * Spends a mail's token for its purpose: the user (and what a report ends), once. An unknown,
 * used, expired or other-purpose token answers 401 invalid_token, all alike.
 */
export async function spendMailToken(
  db: Executor,
  args: { token: string; purpose: MailTokenPurpose },
): Promise<SpentMailToken> {
  if (!TOKEN_SHAPE.test(args.token)) throw refused()
  const [row] = await db
    .update(mailTokens)
    .set({ usedAt: new Date() })
    .where(usable(args.token, args.purpose))
    .returning()
  if (!row) throw refused()
  return spent(row)
}
