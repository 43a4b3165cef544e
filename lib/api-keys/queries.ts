import 'server-only'
import { and, desc, eq, inArray, isNull } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { apiKeys } from '@/db/schema'
import type { PrincipalUser } from '@/lib/auth/principal'
import { findOrgsOfUser } from '@/lib/orgs/queries'

/** What a key's listing shows: never its hash. */
const listedColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  orgId: apiKeys.orgId,
  createdBy: apiKeys.createdBy,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  expiresAt: apiKeys.expiresAt,
  lastUsedAt: apiKeys.lastUsedAt,
}

/**
 * Unrevoked keys of the orgs where the user holds apikey:read, newest first. An org that requires
 * a second factor shows its keys only to a user who has one (as every other door into it does).
 */
export async function findVisibleApiKeys(db: Executor, user: Pick<PrincipalUser, 'id' | 'mfaEnabled'>, orgId?: string) {
  const orgIds = (await findOrgsOfUser(db, user.id))
    .filter((org) => org.permissions.includes('apikey:read') && (!org.requireMfa || user.mfaEnabled))
    .filter((org) => !orgId || org.id === orgId)
    .map((org) => org.id)
  if (orgIds.length === 0) return []
  return db
    .select(listedColumns)
    .from(apiKeys)
    .where(and(inArray(apiKeys.orgId, orgIds), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
}

export async function findApiKey(db: Executor, id: string) {
  const [row] = await db
    .select({ ...listedColumns, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.id, id))
  return row
}
