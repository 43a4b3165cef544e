import 'server-only'
import { and, count, eq, isNull } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { recoveryCodes, totpCredentials, users } from '@/db/schema'
import { secondFactorColumns } from './second-factor-columns'

export async function findTotpCredential(db: Executor, userId: string) {
  const [row] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, userId))
  return row
}

export interface SecondFactors {
  totp: boolean
  passkey: boolean
}

/** Which second factors the user has: the sign-in's second step offers these. */
export async function secondFactorsOf(db: Executor, userId: string): Promise<SecondFactors> {
  const [row] = await db.select(secondFactorColumns).from(users).where(eq(users.id, userId))
  return row ?? { totp: false, passkey: false }
}

/** Whether sign-in asks this user for a second factor. */
export async function hasSecondFactor(db: Executor, userId: string): Promise<boolean> {
  const factors = await secondFactorsOf(db, userId)
  return factors.totp || factors.passkey
}

export async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ left: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
  return row.left
}
