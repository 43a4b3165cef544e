import 'server-only'
import { organizations } from '@/db/schema'
import { AppError } from '@/lib/errors'
import { BUILTIN_ROLES, isBuiltinRole, isPermission, type Permission } from './permissions'

export interface OrgSummary {
  id: string
  slug: string
  name: string
  requireMfa: boolean
  createdAt: Date
}

export interface OrgAccess {
  org: OrgSummary
  role: { id: string; name: string; builtin: boolean }
  permissions: ReadonlySet<Permission>
}

/** The columns of an OrgSummary, for selects that need one. */
export const orgSummaryColumns = {
  id: organizations.id,
  slug: organizations.slug,
  name: organizations.name,
  requireMfa: organizations.requireMfa,
  createdAt: organizations.createdAt,
}

export function permissionsOf(roleName: string, customPermissions: string[] | null | undefined): Permission[] {
  if (isBuiltinRole(roleName)) return [...BUILTIN_ROLES[roleName]]
  return (customPermissions ?? []).filter(isPermission)
}

/** A membership's access: `roleId` is a built-in role's name or a custom role's id. */
export function accessFrom(
  org: OrgSummary,
  roleId: string,
  customName: string | null,
  customPermissions: string[] | null,
): OrgAccess {
  const builtin = isBuiltinRole(roleId)
  return {
    org,
    role: { id: roleId, name: builtin ? roleId : (customName ?? roleId), builtin },
    permissions: new Set(permissionsOf(roleId, customPermissions)),
  }
}

/** Every permission: the internal token's access to any org. */
export const ALL_PERMISSIONS: ReadonlySet<Permission> = new Set(BUILTIN_ROLES.owner)

/** Whether the access includes a permission (pages use it to show or hide what a role may do). */
export function can(access: OrgAccess, permission: Permission): boolean {
  return access.permissions.has(permission)
}

export function requirePermission(access: OrgAccess, permission: Permission): void {
  if (!can(access, permission))
    throw new AppError('forbidden', `Your role in ${access.org.name} does not include ${permission}`)
}
