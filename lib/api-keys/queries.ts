import 'server-only'
import { and, desc, eq, inArray, isNull } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { apiKeys } from '@/db/schema'
import { findOrgsOfUser } from '@/lib/orgs/queries'

/** Unrevoked keys of the orgs where the user holds apikey:read, newest first. */
export async function findVisibleApiKeys(db: Executor, userId: string, orgId?: string) {
  const orgIds = (await findOrgsOfUser(db, userId))
    .filter((org) => org.permissions.includes('apikey:read') && (!orgId || org.id === orgId))
    .map((org) => org.id)
  if (orgIds.length === 0) return []
  return db
    .select()
    .from(apiKeys)
    .where(and(inArray(apiKeys.orgId, orgIds), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
}

export async function findApiKey(db: Executor, id: string) {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id))
  return row
}
