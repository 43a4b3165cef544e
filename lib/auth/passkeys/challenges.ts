import 'server-only'
import { and, eq, gt, isNull, lt } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { webauthnChallenges } from '@/db/schema'
import { AppError } from '@/lib/errors'

export type CeremonyPurpose = (typeof webauthnChallenges.purpose.enumValues)[number]

export const CEREMONY_TTL_SECONDS = 300

/** A WebAuthn ceremony begun: the options for the browser, and the id its answer must name. */
export interface Ceremony<O> {
  options: O
  ceremonyId: string
}

const ceremonyExpired = () =>
  new AppError('invalid_credentials', 'The passkey request expired or was already answered. Try again.')

/**
 * Keeps the challenge of a ceremony just begun and returns the ceremony's id, which the browser
 * holds (ceremony-cookie.ts) so that any instance can check its answer. Clears expired ones.
 */
export async function rememberChallenge(
  db: Db,
  args: { challenge: string; purpose: CeremonyPurpose; userId?: string },
): Promise<string> {
  const now = new Date()
  await db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now))
  const [row] = await db
    .insert(webauthnChallenges)
    .values({
      challenge: args.challenge,
      purpose: args.purpose,
      userId: args.userId ?? null,
      expiresAt: new Date(now.getTime() + CEREMONY_TTL_SECONDS * 1000),
    })
    .returning({ id: webauthnChallenges.id })
  return row.id
}

/**
 * The challenge of the ceremony `ceremonyId` for `purpose` (and `userId`), spent by this call so an
 * answer can never be replayed. Throws when it expired, was spent, or was begun for someone else.
 */
export async function consumeChallenge(
  db: Db,
  args: { ceremonyId: string | undefined; purpose: CeremonyPurpose; userId?: string },
): Promise<string> {
  if (!args.ceremonyId) throw ceremonyExpired()
  const [row] = await db
    .delete(webauthnChallenges)
    .where(
      and(
        eq(webauthnChallenges.id, args.ceremonyId),
        eq(webauthnChallenges.purpose, args.purpose),
        args.userId ? eq(webauthnChallenges.userId, args.userId) : isNull(webauthnChallenges.userId),
        gt(webauthnChallenges.expiresAt, new Date()),
      ),
    )
    .returning({ challenge: webauthnChallenges.challenge })
  if (!row) throw ceremonyExpired()
  return row.challenge
}
