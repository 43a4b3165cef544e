import 'server-only'
import { and, count, eq, isNull, ne } from 'drizzle-orm'
import type { Db, Tx } from '@/db/client'
import { users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import { endSignIns } from '@/lib/sessions/end-sign-ins'

/** Refuses a change that would leave the instance without an enabled admin. */
export async function assertAnotherAdminRemains(tx: Tx, userId: string) {
  const [{ admins }] = await tx
    .select({ admins: count() })
    .from(users)
    .where(and(eq(users.isAdmin, true), isNull(users.disabledAt), ne(users.id, userId)))
  if (admins === 0)
    throw new AppError('conflict', 'This is the last enabled administrator; make someone else an administrator first')
}

/**
 * An admin renames a user, grants or removes admin, or disables/enables the account. Disabling ends
 * the user's sessions and tokens in the same transaction, so the next request is refused.
 */
export async function updateUser(
  db: Db,
  args: {
    userId: string
    actorUserId: string
    input: { name?: string; isAdmin?: boolean; disabled?: boolean }
    actor: AuditActor
    meta: RequestMeta
  },
) {
  const { input } = args
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, args.userId)).for('update')
    if (!before) throw new AppError('not_found', 'No such user')
    const disabling = input.disabled === true && !before.disabledAt
    const demoting = input.isAdmin === false && before.isAdmin
    if ((disabling || demoting) && args.userId === args.actorUserId)
      throw new AppError('conflict', 'You cannot disable yourself or remove your own admin rights')
    if ((disabling || demoting) && before.isAdmin) await assertAnotherAdminRemains(tx, args.userId)
    const [after] = await tx
      .update(users)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.isAdmin !== undefined ? { isAdmin: input.isAdmin } : {}),
        ...(input.disabled !== undefined
          ? { disabledAt: input.disabled ? (before.disabledAt ?? new Date()) : null }
          : {}),
      })
      .where(eq(users.id, args.userId))
      .returning()
    const target = { type: 'user', id: after.id }
    if (disabling) {
      const revoked = await endSignIns(tx, after.id)
      await recordAudit(tx, {
        action: 'user.disable',
        actor: args.actor,
        target,
        meta: args.meta,
        details: { email: after.email, revoked_sessions: revoked.sessions, revoked_tokens: revoked.refreshTokens },
      })
    }
    const changes: Record<string, unknown> = {}
    if (after.name !== before.name) changes.name = { from: before.name, to: after.name }
    if (after.isAdmin !== before.isAdmin) changes.is_admin = { from: before.isAdmin, to: after.isAdmin }
    if (before.disabledAt && !after.disabledAt) changes.disabled = { from: true, to: false }
    if (Object.keys(changes).length > 0)
      await recordAudit(tx, {
        action: 'user.update',
        actor: args.actor,
        target,
        meta: args.meta,
        details: { email: after.email, ...changes },
      })
    return after
  })
}
