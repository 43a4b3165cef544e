/** Every permission (SPEC §6), with the sentence the console and GET /api/v1/permissions show. */
export const PERMISSIONS = [
  'org:read',
  'org:write',
  'org:admin',
  'member:read',
  'member:write',
  'role:read',
  'role:write',
  'apikey:read',
  'apikey:write',
  'secret:read',
  'secret:write',
  'secret:delete',
  'file:read',
  'file:write',
  'file:delete',
  'audit:read',
] as const

export type Permission = (typeof PERMISSIONS)[number]

export const PERMISSION_DESCRIPTIONS: Record<Permission, string> = {
  'org:read': 'See the organization and its settings',
  'org:write': 'Rename the organization and change its settings',
  'org:admin': 'Delete the organization and grant ownership',
  'member:read': 'See who is a member and their roles',
  'member:write': 'Add and remove members and change their roles',
  'role:read': 'See the roles and their permissions',
  'role:write': 'Create, edit and delete custom roles',
  'apikey:read': 'See API keys',
  'apikey:write': 'Create and revoke API keys',
  'secret:read': 'Read secret values',
  'secret:write': 'Create and update secrets',
  'secret:delete': 'Delete secrets',
  'file:read': 'Download files',
  'file:write': 'Upload files',
  'file:delete': 'Delete files',
  'audit:read': "Read the organization's audit log",
}

export const BUILTIN_ROLE_NAMES = ['owner', 'admin', 'member', 'viewer'] as const
export type BuiltinRoleName = (typeof BUILTIN_ROLE_NAMES)[number]

/** Built-in roles (SPEC §6). Their id is their name; they cannot be edited or deleted. */
export const BUILTIN_ROLES: Record<BuiltinRoleName, readonly Permission[]> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS.filter((permission) => permission !== 'org:admin'),
  member: [
    'org:read',
    'member:read',
    'role:read',
    'apikey:read',
    'apikey:write',
    'secret:read',
    'file:read',
    'file:write',
  ],
  viewer: ['org:read', 'member:read', 'file:read'],
}

/**
 * What anonymous visitors (and signed-in non-members) may do in an org that opted in to guest
 * access while ALLOW_GUEST_MODE is on (SPEC §3). Not a role anyone can be given: no writes, ever.
 */
export const GUEST_PERMISSIONS: readonly Permission[] = ['org:read', 'file:read']

export function isBuiltinRole(name: string): name is BuiltinRoleName {
  return (BUILTIN_ROLE_NAMES as readonly string[]).includes(name)
}

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value)
}

/** Permissions grouped by resource ("org", "member", …) in declaration order, for the console. */
export function permissionsByResource(): [string, Permission[]][] {
  const groups = new Map<string, Permission[]>()
  for (const permission of PERMISSIONS) {
    const resource = permission.split(':')[0]
    groups.set(resource, [...(groups.get(resource) ?? []), permission])
  }
  return [...groups]
}
