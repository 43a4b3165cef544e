import 'server-only'
import { and, asc, count, eq } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { memberships, roles } from '@/db/schema'
import { permissionsOf } from '@/lib/rbac/org-access'
import { BUILTIN_ROLE_NAMES, BUILTIN_ROLES } from '@/lib/rbac/permissions'

/** Built-in roles first, then the organization's custom roles by name, each with its member count. */
export async function findRoles(db: Executor, orgId: string) {
  const custom = await db.select().from(roles).where(eq(roles.orgId, orgId)).orderBy(asc(roles.name))
  const counts = await db
    .select({ role: memberships.role, members: count() })
    .from(memberships)
    .where(eq(memberships.orgId, orgId))
    .groupBy(memberships.role)
  const membersOf = (id: string) => counts.find((row) => row.role === id)?.members ?? 0
  return [
    ...BUILTIN_ROLE_NAMES.map((name) => ({
      id: name,
      name,
      permissions: [...BUILTIN_ROLES[name]] as string[],
      builtin: true,
      members: membersOf(name),
    })),
    ...custom.map((role) => ({
      id: role.id,
      name: role.name,
      permissions: permissionsOf(role.id, role.permissions) as string[],
      builtin: false,
      members: membersOf(role.id),
    })),
  ]
}

export async function findCustomRole(db: Executor, orgId: string, roleId: string) {
  const [row] = await db
    .select()
    .from(roles)
    .where(and(eq(roles.orgId, orgId), eq(roles.id, roleId)))
  return row
}
