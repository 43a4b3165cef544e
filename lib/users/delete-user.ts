import 'server-only'
import { and, count, eq, inArray } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { memberships, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import { assertAnotherAdminRemains } from './update-user'

/** Deletes a user (admins); refused for oneself, the last admin, or the last owner of an organization. */
export async function deleteUser(
  db: Db,
  args: { userId: string; actorUserId: string; actor: AuditActor; meta: RequestMeta },
) {
  if (args.userId === args.actorUserId) throw new AppError('conflict', 'You cannot delete your own account here')
  await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, args.userId)).for('update')
    if (!user) throw new AppError('not_found', 'No such user')
    if (user.isAdmin && !user.disabledAt) await assertAnotherAdminRemains(tx, user.id)
    const owned = await tx
      .select({ orgId: memberships.orgId })
      .from(memberships)
      .where(and(eq(memberships.userId, user.id), eq(memberships.role, 'owner')))
    if (owned.length > 0) {
      const owners = await tx
        .select({ orgId: memberships.orgId, owners: count() })
        .from(memberships)
        .where(
          and(
            inArray(
              memberships.orgId,
              owned.map((row) => row.orgId),
            ),
            eq(memberships.role, 'owner'),
          ),
        )
        .groupBy(memberships.orgId)
      if (owners.some((row) => row.owners <= 1))
        throw new AppError(
          'last_owner',
          `${user.email} is the last owner of an organization; make someone else owner first`,
        )
    }
    await tx.delete(users).where(eq(users.id, user.id))
    await recordAudit(tx, {
      action: 'user.delete',
      actor: args.actor,
      target: { type: 'user', id: user.id },
      meta: args.meta,
      details: { email: user.email },
    })
  })
}
