import 'server-only'
import { and, eq } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { memberships, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import { type OrgAccess, requirePermission } from '@/lib/rbac/org-access'
import { assertAnotherOwnerRemains, assertMayTouchMember } from './owner-rules'

/**
 * Removes a member (member:write), or lets a signed-in member leave (`leaverId`: that user; null for
 * an API key or the internal token, which never leave for anyone); 409 last_owner for the last owner.
 */
export async function removeMember(
  db: Db,
  args: { access: OrgAccess; userId: string; leaverId: string | null; actor: AuditActor; meta: RequestMeta },
) {
  const { org } = args.access
  const leaving = args.leaverId !== null && args.userId === args.leaverId
  if (!leaving) requirePermission(args.access, 'member:write')
  await db.transaction(async (tx) => {
    const [member] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.orgId, org.id), eq(memberships.userId, args.userId)))
    if (!member) throw new AppError('not_found', 'No such member')
    if (!leaving) assertMayTouchMember(args.access, member.role)
    if (member.role === 'owner') await assertAnotherOwnerRemains(tx, org.id, args.userId)
    await tx.delete(memberships).where(and(eq(memberships.orgId, org.id), eq(memberships.userId, args.userId)))
    await tx
      .update(users)
      .set({ primaryOrgId: null })
      .where(and(eq(users.id, args.userId), eq(users.primaryOrgId, org.id)))
    await recordAudit(tx, {
      action: 'member.remove',
      actor: args.actor,
      target: { type: 'user', id: args.userId },
      orgId: org.id,
      meta: args.meta,
      details: { left: leaving },
    })
  })
}
