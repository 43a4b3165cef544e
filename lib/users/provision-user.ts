import 'server-only'
import { eq } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { memberships, organizations, users } from '@/db/schema'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { assertPasswordPolicy } from '@/lib/auth/assert-password-policy'
import { hashPassword } from '@/lib/auth/password'
import type { Config } from '@/lib/config'
import { createUser } from './create-user'

/**
 * An account created by an admin (and, later, by registration): password policy, argon2id, and a
 * seat in the `default` organization with DEFAULT_USER_ROLE, which becomes the primary org.
 */
export async function provisionUser(
  db: Db,
  config: Pick<Config, 'passwordPolicy' | 'defaultUserRole'>,
  args: { email: string; name: string; password: string; isAdmin?: boolean; actor: AuditActor; meta: RequestMeta },
) {
  assertPasswordPolicy(args.password, config.passwordPolicy, args.email)
  const passwordHash = await hashPassword(args.password)
  return db.transaction(async (tx) => {
    const user = await createUser(tx, {
      email: args.email,
      name: args.name,
      passwordHash,
      isAdmin: args.isAdmin,
      actor: args.actor,
      meta: args.meta,
    })
    const [defaultOrg] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.slug, 'default'))
    if (!defaultOrg) return user
    await tx.insert(memberships).values({ orgId: defaultOrg.id, userId: user.id, role: config.defaultUserRole })
    const [updated] = await tx
      .update(users)
      .set({ primaryOrgId: defaultOrg.id })
      .where(eq(users.id, user.id))
      .returning()
    return updated
  })
}
