import 'server-only'
import { and, eq } from 'drizzle-orm'
import type { Tx } from '@/db/client'
import { memberships } from '@/db/schema'
import { AppError } from '@/lib/errors'
import type { OrgAccess } from '@/lib/rbac/org-access'

/**
 * Refuses to leave an organization without an owner. The owner rows are locked, so two owners
 * demoting each other at the same moment cannot both succeed.
 */
export async function assertAnotherOwnerRemains(tx: Tx, orgId: string, leavingUserId: string) {
  const owners = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'owner')))
    .for('update')
  if (!owners.some((owner) => owner.userId !== leavingUserId)) {
    throw new AppError('last_owner', 'An organization needs an owner: make someone else owner first')
  }
}

/** Only an owner may change or remove an owner. */
export function assertMayTouchMember(access: OrgAccess, targetRoleId: string) {
  if (targetRoleId === 'owner' && access.role.id !== 'owner')
    throw new AppError('forbidden', 'Only an owner can change or remove an owner')
}
