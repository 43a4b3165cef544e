import { describe, expect, it } from 'vitest'
import { BUILTIN_ROLES, PERMISSIONS, permissionsByResource } from './permissions'

// SPEC §6, written out: the table the rest of the code and the access matrix trust.
describe('built-in roles', () => {
  it('match SPEC §6 exactly', () => {
    expect([...BUILTIN_ROLES.owner].sort()).toEqual([...PERMISSIONS].sort())
    expect([...BUILTIN_ROLES.admin].sort()).toEqual(PERMISSIONS.filter((p) => p !== 'org:admin').sort())
    expect([...BUILTIN_ROLES.member].sort()).toEqual([
      'apikey:read',
      'apikey:write',
      'file:read',
      'file:write',
      'member:read',
      'org:read',
      'role:read',
      'secret:read',
    ])
    expect([...BUILTIN_ROLES.viewer].sort()).toEqual(['file:read', 'member:read', 'org:read'])
    expect(PERMISSIONS).toHaveLength(16)
  })

  it('groups permissions by resource for the console', () => {
    expect(permissionsByResource().map(([resource]) => resource)).toEqual([
      'org',
      'member',
      'role',
      'apikey',
      'secret',
      'file',
      'audit',
    ])
  })
})
