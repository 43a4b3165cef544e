import 'server-only'
import { organizations } from '@/db/schema'
import { AppError } from '@/lib/errors'
import { BUILTIN_ROLES, GUEST_PERMISSIONS, isBuiltinRole, isPermission, type Permission } from './permissions'

export interface OrgSummary {
  id: string
  slug: string
  name: string
  requireMfa: boolean
  /** The owner let guests in; they get in only while ALLOW_GUEST_MODE is on as well. */
  guestAccess: boolean
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
  guestAccess: organizations.guestAccess,
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

/** A caller without membership in an org open to guests: the guest role's read-only permissions. */
export function guestAccessTo(org: OrgSummary): OrgAccess {
  return { org, role: { id: 'guest', name: 'guest', builtin: true }, permissions: new Set(GUEST_PERMISSIONS) }
}

export function isGuest(access: OrgAccess): boolean {
  return access.role.id === 'guest'
}

/** Whether the access includes a permission (pages use it to show or hide what a role may do). */
export function can(access: OrgAccess, permission: Permission): boolean {
  return access.permissions.has(permission)
}

export function requirePermission(access: OrgAccess, permission: Permission): void {
  if (!can(access, permission))
    throw new AppError('forbidden', `Your role in ${access.org.name} does not include ${permission}`)
}
