import 'server-only'
import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { apiKeys } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import type { UserPrincipal } from '@/lib/auth/principal'
import { AppError, isAppError } from '@/lib/errors'
import { authorizeOrg } from '@/lib/rbac/authorize-org'
import { can } from '@/lib/rbac/org-access'
import { findApiKey } from './queries'

/**
 * Revokes a key: its creator may, and so may anyone with apikey:write in its org (where the org's
 * second-factor rule applies, as at every door into it). It stops working on every instance at
 * once, since each request reads revoked_at. A key the caller cannot see is 404.
 */
export async function revokeApiKey(
  db: Db,
  args: { principal: UserPrincipal; keyId: string; actor: AuditActor; meta: RequestMeta },
) {
  const key = await findApiKey(db, args.keyId)
  const notFound = new AppError('not_found', 'No such API key')
  if (!key || key.revokedAt) throw notFound
  const access = await authorizeOrg(db, args.principal, key.orgId, 'member').catch((error) => {
    throw isAppError(error) && error.code === 'not_found' ? notFound : error
  })
  if (access.org.id !== key.orgId) throw notFound
  if (key.createdBy !== args.principal.user.id && !can(access, 'apikey:write'))
    throw can(access, 'apikey:read') ? new AppError('forbidden', 'Revoking this key needs apikey:write') : notFound
  await db.transaction(async (tx) => {
    await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, key.id), isNull(apiKeys.revokedAt)))
    await recordAudit(tx, {
      action: 'apikey.revoke',
      actor: args.actor,
      target: { type: 'api_key', id: key.id },
      orgId: key.orgId,
      meta: args.meta,
      details: { name: key.name, prefix: key.prefix },
    })
  })
}

/** Revokes every key the caller created, in every org. */
export async function revokeAllApiKeys(db: Db, args: { userId: string; actor: AuditActor; meta: RequestMeta }) {
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.createdBy, args.userId), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id, orgId: apiKeys.orgId, prefix: apiKeys.prefix })
    for (const key of revoked) {
      await recordAudit(tx, {
        action: 'apikey.revoke',
        actor: args.actor,
        target: { type: 'api_key', id: key.id },
        orgId: key.orgId,
        meta: args.meta,
        details: { prefix: key.prefix, all: true },
      })
    }
    return revoked.length
  })
}
