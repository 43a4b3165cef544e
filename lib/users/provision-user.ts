import 'server-only'
import { eq } from 'drizzle-orm'
import { organizations } from '@/db/schema'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { assertPasswordPolicy } from '@/lib/auth/assert-password-policy'
import { hashPassword } from '@/lib/auth/password'
import { joinFirstOrg } from '@/lib/members/join-first-org'
import type { Runtime } from '@/lib/runtime'
import { getInstanceSettings } from '@/lib/settings/instance-settings'
import { createUser } from './create-user'

interface ProvisionArgs {
  email: string
  name: string
  password: string
  isAdmin?: boolean
  /** An administrator vouches for the address they typed; a self-registered account proves it by mail. */
  emailVerified: boolean
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
      emailVerified: args.emailVerified,
      actor: args.actor,
      meta: args.meta,
    })
    if (!args.joinDefaultOrg) return user
    const [defaultOrg] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.slug, 'default'))
    if (!defaultOrg) return user
    return joinFirstOrg(tx, {
      user,
      orgId: defaultOrg.id,
      role: settings.defaultUserRole,
      actor: args.actor,
      meta: args.meta,
      via: 'account_created',
    })
  })
}
