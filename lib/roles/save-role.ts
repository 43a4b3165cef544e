import 'server-only'
import { and, eq } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { roles } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import type { OrgAccess } from '@/lib/rbac/org-access'
import { isBuiltinRole, type Permission } from '@/lib/rbac/permissions'
import { assertMayGrant } from '@/lib/rbac/role-lookup'
import { findCustomRole } from './queries'

interface SaveRoleArgs {
  access: OrgAccess
  actor: AuditActor
  meta: RequestMeta
}

const nameTaken = (name: string) => new AppError('conflict', `There is already a role named ${name}`)

/** Creates a custom role (role:write) with permissions the actor holds. */
export async function createRole(db: Db, args: SaveRoleArgs & { name: string; permissions: Permission[] }) {
  const { org } = args.access
  assertMayGrant(args.access.permissions, args.access.role.id, { id: 'custom', permissions: args.permissions })
  return db.transaction(async (tx) => {
    const [role] = await tx
      .insert(roles)
      .values({ orgId: org.id, name: args.name, permissions: args.permissions })
      .onConflictDoNothing()
      .returning()
    if (!role) throw nameTaken(args.name)
    await recordAudit(tx, {
      action: 'role.create',
      actor: args.actor,
      target: { type: 'role', id: role.id },
      orgId: org.id,
      meta: args.meta,
      details: { name: role.name, permissions: role.permissions },
    })
    return { id: role.id, name: role.name, permissions: role.permissions, builtin: false }
  })
}

/** Renames a custom role or changes its permissions (role:write); built-in roles answer 409 builtin_role. */
export async function updateRole(
  db: Db,
  args: SaveRoleArgs & { roleId: string; name?: string; permissions?: Permission[] },
) {
  const { org } = args.access
  if (isBuiltinRole(args.roleId)) throw new AppError('builtin_role', 'Built-in roles cannot be changed')
  if (args.permissions)
    assertMayGrant(args.access.permissions, args.access.role.id, { id: args.roleId, permissions: args.permissions })
  return db.transaction(async (tx) => {
    const before = await findCustomRole(tx, org.id, args.roleId)
    if (!before) throw new AppError('not_found', 'No such role')
    // Editing a role changes what its holders may do: the editor must hold all it grants today too.
    assertMayGrant(args.access.permissions, args.access.role.id, {
      id: args.roleId,
      permissions: before.permissions as Permission[],
    })
    if (
      args.name &&
      args.name !== before.name &&
      (
        await tx
          .select({ id: roles.id })
          .from(roles)
          .where(and(eq(roles.orgId, org.id), eq(roles.name, args.name)))
      ).length > 0
    ) {
      throw nameTaken(args.name)
    }
    const [role] = await tx
      .update(roles)
      .set({
        ...(args.name ? { name: args.name } : {}),
        ...(args.permissions ? { permissions: args.permissions } : {}),
      })
      .where(eq(roles.id, before.id))
      .returning()
    await recordAudit(tx, {
      action: 'role.update',
      actor: args.actor,
      target: { type: 'role', id: role.id },
      orgId: org.id,
      meta: args.meta,
      details: {
        name: { from: before.name, to: role.name },
        permissions: { from: before.permissions, to: role.permissions },
      },
    })
    return { id: role.id, name: role.name, permissions: role.permissions, builtin: false }
  })
}
