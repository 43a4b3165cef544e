import 'server-only'
import { and, count, eq, isNotNull, isNull } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { recoveryCodes, totpCredentials } from '@/db/schema'

export async function findTotpCredential(db: Executor, userId: string) {
  const [row] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, userId))
  return row
}

/** Whether sign-in asks this user for a second factor. */
export async function hasSecondFactor(db: Executor, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: totpCredentials.userId })
    .from(totpCredentials)
    .where(and(eq(totpCredentials.userId, userId), isNotNull(totpCredentials.enabledAt)))
  return row !== undefined
}

export async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ left: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
  return row.left
}
