import 'server-only'
import { and, count, eq } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { memberships, roles } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import type { OrgAccess } from '@/lib/rbac/org-access'
import { isBuiltinRole } from '@/lib/rbac/permissions'
import { findCustomRole } from './queries'

/** Deletes a custom role nobody holds (role:write): 409 builtin_role, or 409 conflict while in use. */
export async function deleteRole(
  db: Db,
  args: { access: OrgAccess; roleId: string; actor: AuditActor; meta: RequestMeta },
) {
  const { org } = args.access
  if (isBuiltinRole(args.roleId)) throw new AppError('builtin_role', 'Built-in roles cannot be deleted')
  await db.transaction(async (tx) => {
    const role = await findCustomRole(tx, org.id, args.roleId)
    if (!role) throw new AppError('not_found', 'No such role')
    const [{ holders }] = await tx
      .select({ holders: count() })
      .from(memberships)
      .where(and(eq(memberships.orgId, org.id), eq(memberships.role, role.id)))
    if (holders > 0)
      throw new AppError(
        'conflict',
        `${holders} member${holders === 1 ? ' holds' : 's hold'} this role; give them another role first`,
      )
    await tx.delete(roles).where(eq(roles.id, role.id))
    await recordAudit(tx, {
      action: 'role.delete',
      actor: args.actor,
      target: { type: 'role', id: role.id },
      orgId: org.id,
      meta: args.meta,
      details: { name: role.name },
    })
  })
}
