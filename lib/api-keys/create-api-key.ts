import 'server-only'
import { apiKeys } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { sha256Hex } from '@/lib/crypto/hash'
import { AppError } from '@/lib/errors'
import { raiseSecurityAlert } from '@/lib/notify/security-alerts'
import type { OrgAccess } from '@/lib/rbac/org-access'
import type { Permission } from '@/lib/rbac/permissions'
import type { Runtime } from '@/lib/runtime'
import { generateApiKey, visiblePrefix } from './key-format'

/**
 * Creates an org API key for the caller, whose access to the org was authorized with apikey:write
 * (authorizeOrg). Its scopes must be permissions the caller
 * holds in that org (403 scope_not_allowed); the key itself is returned once and stored as a hash.
 * Its creator is alerted, and the alert's "This wasn't me" revokes the new key.
 */
export async function createApiKey(
  runtime: Runtime,
  args: {
    access: OrgAccess
    user: { id: string; email: string }
    name: string
    scopes: Permission[]
    expiresAt: Date | null
    actor: AuditActor
    meta: RequestMeta
  },
) {
  const beyond = args.scopes.filter((scope) => !args.access.permissions.has(scope))
  if (beyond.length > 0)
    throw new AppError(
      'scope_not_allowed',
      `Your role in ${args.access.org.name} does not include ${beyond.join(', ')}`,
    )
  const key = generateApiKey()
  const created = await runtime.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        orgId: args.access.org.id,
        createdBy: args.user.id,
        name: args.name,
        prefix: visiblePrefix(key),
        keyHash: sha256Hex(key),
        scopes: args.scopes,
        expiresAt: args.expiresAt,
      })
      .returning({
        id: apiKeys.id,
        name: apiKeys.name,
        prefix: apiKeys.prefix,
        orgId: apiKeys.orgId,
        scopes: apiKeys.scopes,
        createdAt: apiKeys.createdAt,
        expiresAt: apiKeys.expiresAt,
        lastUsedAt: apiKeys.lastUsedAt,
      })
    await recordAudit(tx, {
      action: 'apikey.create',
      actor: args.actor,
      target: { type: 'api_key', id: row.id },
      orgId: row.orgId,
      meta: args.meta,
      details: {
        name: row.name,
        prefix: row.prefix,
        scopes: row.scopes,
        expires_at: row.expiresAt?.toISOString() ?? null,
      },
    })
    return { ...row, key }
  })
  raiseSecurityAlert(runtime, {
    user: args.user,
    event: { kind: 'api_key_created', name: created.name },
    meta: args.meta,
    target: { type: 'api_key', id: created.id },
  })
  return created
}
