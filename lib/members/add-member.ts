import 'server-only'
import { memberships } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import { limitAccountLookup } from '@/lib/ratelimit/limit-sign-in'
import type { OrgAccess } from '@/lib/rbac/org-access'
import { assertMayGrant, findRoleByName } from '@/lib/rbac/role-lookup'
import type { Runtime } from '@/lib/runtime'
import { findUserByEmail } from '@/lib/users/queries'

/**
 * Adds an existing user to the organization with a role (member:write). The answer says whether an
 * account has that address, so the lookup is rate-limited like a sign-in.
 */
export async function addMember(
  runtime: Runtime,
  args: { access: OrgAccess; email: string; roleName: string; actor: AuditActor; meta: RequestMeta },
) {
  const { db } = runtime
  const { org } = args.access
  await limitAccountLookup(runtime, args.meta, `${args.actor.type}:${args.actor.id ?? 'internal'}`)
  const user = await findUserByEmail(db, args.email)
  if (!user)
    throw new AppError('validation_failed', 'No user has this e-mail address', [
      { path: 'email', message: 'No user has this e-mail address. Ask an administrator to create the account first.' },
    ])
  return db.transaction(async (tx) => {
    const role = await findRoleByName(tx, org.id, args.roleName)
    assertMayGrant(args.access.permissions, args.access.role.id, role)
    const [added] = await tx
      .insert(memberships)
      .values({ orgId: org.id, userId: user.id, role: role.id })
      .onConflictDoNothing()
      .returning()
    if (!added) throw new AppError('conflict', `${user.email} is already a member of ${org.name}`)
    await recordAudit(tx, {
      action: 'member.add',
      actor: args.actor,
      target: { type: 'user', id: user.id },
      orgId: org.id,
      meta: args.meta,
      details: { email: user.email, role: role.name },
    })
    return { userId: user.id, email: user.email, name: user.name, role: role.name }
  })
}
