import 'server-only'
import { eq } from 'drizzle-orm'
import { memberships, organizations, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { assertPasswordPolicy } from '@/lib/auth/assert-password-policy'
import { hashPassword } from '@/lib/auth/password'
import type { Runtime } from '@/lib/runtime'
import { getInstanceSettings } from '@/lib/settings/instance-settings'
import { createUser } from './create-user'

interface ProvisionArgs {
  email: string
  name: string
  password: string
  isAdmin?: boolean
  actor: AuditActor
  meta: RequestMeta
  /**
   * An admin's new account takes a seat in `default` with DEFAULT_USER_ROLE, which becomes its primary
   * org. A self-registered one joins nothing (SPEC §5): `default` holds the first admin's secrets.
   */
  joinDefaultOrg: boolean
}

/** An account with a password within the policy, hashed with argon2id, and audited as user.create. */
export async function provisionUser(runtime: Pick<Runtime, 'db' | 'config'>, args: ProvisionArgs) {
  const settings = await getInstanceSettings(runtime)
  assertPasswordPolicy(args.password, settings.passwordPolicy, args.email)
  const passwordHash = await hashPassword(args.password)
  return runtime.db.transaction(async (tx) => {
    const user = await createUser(tx, {
      email: args.email,
      name: args.name,
      passwordHash,
      isAdmin: args.isAdmin,
      actor: args.actor,
      meta: args.meta,
    })
    if (!args.joinDefaultOrg) return user
    const [defaultOrg] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.slug, 'default'))
    if (!defaultOrg) return user
    await tx.insert(memberships).values({ orgId: defaultOrg.id, userId: user.id, role: settings.defaultUserRole })
    await recordAudit(tx, {
      action: 'member.add',
      actor: args.actor,
      target: { type: 'user', id: user.id },
      orgId: defaultOrg.id,
      meta: args.meta,
      details: { email: user.email, role: settings.defaultUserRole, via: 'account_created' },
    })
    const [updated] = await tx
      .update(users)
      .set({ primaryOrgId: defaultOrg.id })
      .where(eq(users.id, user.id))
      .returning()
    return updated
  })
}
