import 'server-only'
import { and, eq } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { memberships, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import type { OrgAccess } from '@/lib/rbac/org-access'
import { assertMayGrant, findRoleByName } from '@/lib/rbac/role-lookup'
import { assertAnotherOwnerRemains, assertMayTouchMember } from './owner-rules'

/** Gives a member another role (member:write); 409 last_owner when it would leave no owner. */
export async function changeMemberRole(
  db: Db,
  args: { access: OrgAccess; userId: string; roleName: string; actor: AuditActor; meta: RequestMeta },
) {
  const { org } = args.access
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ role: memberships.role, email: users.email, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, org.id), eq(memberships.userId, args.userId)))
    if (!member) throw new AppError('not_found', 'No such member')
    assertMayTouchMember(args.access, member.role)
    const role = await findRoleByName(tx, org.id, args.roleName)
    assertMayGrant(args.access.permissions, args.access.role.id, role)
    if (member.role === 'owner' && role.id !== 'owner') await assertAnotherOwnerRemains(tx, org.id, args.userId)
    await tx
      .update(memberships)
      .set({ role: role.id })
      .where(and(eq(memberships.orgId, org.id), eq(memberships.userId, args.userId)))
    await recordAudit(tx, {
      action: 'member.update',
      actor: args.actor,
      target: { type: 'user', id: args.userId },
      orgId: org.id,
      meta: args.meta,
      details: { email: member.email, role: { from: member.role, to: role.name } },
    })
    return { userId: args.userId, email: member.email, name: member.name, role: role.name }
  })
}
