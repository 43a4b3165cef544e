import 'server-only'
import { asc, count, eq } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { passkeys } from '@/db/schema'

export interface PasskeySummary {
  id: string
  name: string
  backedUp: boolean
  createdAt: Date
  lastUsedAt: Date | null
}

export function findPasskeysOfUser(db: Executor, userId: string): Promise<PasskeySummary[]> {
  return db
    .select({
      id: passkeys.id,
      name: passkeys.name,
      backedUp: passkeys.backedUp,
      createdAt: passkeys.createdAt,
      lastUsedAt: passkeys.lastUsedAt,
    })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt))
}

/** What the browser is told to offer (second step) or to skip (adding one more). */
export function findCredentialDescriptors(db: Executor, userId: string) {
  return db
    .select({ id: passkeys.credentialId, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
}

export async function findPasskeyByCredentialId(db: Executor, credentialId: string) {
  const [row] = await db.select().from(passkeys).where(eq(passkeys.credentialId, credentialId))
  return row
}

export async function countPasskeys(db: Executor, userId: string): Promise<number> {
  const [row] = await db.select({ total: count() }).from(passkeys).where(eq(passkeys.userId, userId))
  return row.total
}
