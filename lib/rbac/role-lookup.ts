import 'server-only'
import { and, eq } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { roles } from '@/db/schema'
import { AppError } from '@/lib/errors'
import { permissionsOf } from './org-access'
import { isBuiltinRole, type Permission } from './permissions'

export interface ResolvedRole {
  id: string
  name: string
  builtin: boolean
  permissions: Permission[]
}

/** A role of the organization by its name (API bodies name roles); 422 when there is none. */
export async function findRoleByName(db: Executor, orgId: string, name: string): Promise<ResolvedRole> {
  if (isBuiltinRole(name)) return { id: name, name, builtin: true, permissions: permissionsOf(name, null) }
  const [row] = await db
    .select()
    .from(roles)
    .where(and(eq(roles.orgId, orgId), eq(roles.name, name)))
  if (!row)
    throw new AppError('validation_failed', `There is no role named ${name}`, [
      { path: 'role', message: `There is no role named ${name}.` },
    ])
  return { id: row.id, name: row.name, builtin: false, permissions: permissionsOf(row.id, row.permissions) }
}

/**
 * Nobody hands out more than they hold: a role may be granted, created or edited only with
 * permissions the acting member has. Without this, role:write + member:write would let an admin
 * mint a role with org:admin and take ownership. Only an owner grants owner.
 */
export function assertMayGrant(
  actorPermissions: ReadonlySet<Permission>,
  actorRoleId: string,
  role: { id: string; permissions: readonly Permission[] },
) {
  if (role.id === 'owner' && actorRoleId !== 'owner')
    throw new AppError('forbidden', 'Only an owner can make someone an owner')
  const beyond = role.permissions.filter((permission) => !actorPermissions.has(permission))
  if (beyond.length > 0)
    throw new AppError('forbidden', `You cannot grant permissions you do not hold: ${beyond.join(', ')}`)
}
