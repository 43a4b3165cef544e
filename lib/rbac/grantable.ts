import type { Permission } from './permissions'

/** The roles an actor may hand out: none beyond their own permissions, and owner only by an owner. */
export function grantableRoles<R extends { id: string; permissions: readonly string[] }>(
  roles: R[],
  actor: { roleId: string; permissions: ReadonlySet<Permission> },
): R[] {
  return roles.filter(
    (role) =>
      (role.id !== 'owner' || actor.roleId === 'owner') &&
      role.permissions.every((permission) => actor.permissions.has(permission as Permission)),
  )
}
