import 'server-only'
import { eq } from 'drizzle-orm'
import type { Tx } from '@/db/client'
import { memberships, type User, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'

/**
 * A new account's first organization, which becomes its primary org: the membership and its
 * member.add event, inside the caller's transaction.
 */
export async function joinFirstOrg(
  tx: Tx,
  args: { user: User; orgId: string; role: string; actor: AuditActor; meta: RequestMeta; via: string },
): Promise<User> {
  const { user, orgId, role } = args
  await tx.insert(memberships).values({ orgId, userId: user.id, role })
  await recordAudit(tx, {
    action: 'member.add',
    actor: args.actor,
    target: { type: 'user', id: user.id },
    orgId,
    meta: args.meta,
    details: { email: user.email, role, via: args.via },
  })
  const [updated] = await tx.update(users).set({ primaryOrgId: orgId }).where(eq(users.id, user.id)).returning()
  return updated
}
