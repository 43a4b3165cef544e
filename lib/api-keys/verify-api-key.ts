import 'server-only'
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { preparedPerDatabase } from '@/db/prepared'
import { apiKeys, memberships, organizations, roles, users } from '@/db/schema'
import type { Principal } from '@/lib/auth/principal'
import { principalUserColumns } from '@/lib/auth/principal-columns'
import { sha256Hex } from '@/lib/crypto/hash'
import { AppError } from '@/lib/errors'
import { metrics } from '@/lib/metrics/registry'
import { accessFrom, orgSummaryColumns } from '@/lib/rbac/org-access'
import { isPermission, type Permission } from '@/lib/rbac/permissions'
import { isWellFormedApiKey } from './key-format'

const TOUCH_INTERVAL_MS = 60_000

// One indexed select per request: the key, its org, its creator, and the creator's current role
// in that org, so that scopes are narrowed to what the creator may still do.
const lookup = preparedPerDatabase((db) =>
  db
    .select({
      id: apiKeys.id,
      scopes: apiKeys.scopes,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
      org: orgSummaryColumns,
      user: principalUserColumns,
      disabledAt: users.disabledAt,
      roleId: memberships.role,
      customName: roles.name,
      customPermissions: roles.permissions,
    })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.orgId))
    .innerJoin(users, eq(users.id, apiKeys.createdBy))
    .leftJoin(memberships, and(eq(memberships.orgId, apiKeys.orgId), eq(memberships.userId, apiKeys.createdBy)))
    .leftJoin(roles, and(eq(roles.id, memberships.role), eq(roles.orgId, apiKeys.orgId)))
    .where(eq(apiKeys.keyHash, sql.placeholder('hash')))
    .prepare('gatehouse_verify_api_key'),
)

function touchLastUsed(db: Db, id: string, now: Date) {
  // At most one write a minute per key, whichever instance gets there first.
  void db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - TOUCH_INTERVAL_MS))),
      ),
    )
    .catch(() => {})
}

/** Authenticates an API key; 401 for a malformed, unknown, revoked or expired key or a gone creator. */
export async function verifyApiKey(db: Db, key: string): Promise<Extract<Principal, { type: 'api_key' }>> {
  const invalid = (detail: string) => new AppError('invalid_token', detail)
  if (!isWellFormedApiKey(key)) throw invalid('The API key is not valid')
  const [row] = await lookup(db).execute({ hash: sha256Hex(key) })
  if (!row) throw invalid('The API key is not valid')
  if (row.revokedAt) throw invalid('The API key has been revoked')
  const now = new Date()
  if (row.expiresAt && row.expiresAt <= now) throw new AppError('token_expired', 'The API key has expired')
  if (row.disabledAt || !row.roleId)
    throw invalid('The API key is no longer valid: its creator cannot act in this organization')
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) touchLastUsed(db, row.id, now)
  metrics().apiKeyUsage.inc()
  const creator = accessFrom(row.org, row.roleId, row.customName, row.customPermissions)
  const scopes = row.scopes.filter(isPermission)
  return {
    type: 'api_key',
    via: 'api_key',
    keyId: row.id,
    org: row.org,
    role: creator.role.name,
    scopes,
    permissions: new Set(scopes.filter((scope: Permission) => creator.permissions.has(scope))),
    user: row.user,
  }
}
