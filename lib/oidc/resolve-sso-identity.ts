import 'server-only'
import { and, eq } from 'drizzle-orm'
import { accounts, type OidcProvider, type User, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { RequestMeta } from '@/lib/audit/types'
import { joinFirstOrg } from '@/lib/members/join-first-org'
import type { Runtime } from '@/lib/runtime'
import { getInstanceSettings } from '@/lib/settings/instance-settings'
import { createUser } from '@/lib/users/create-user'
import { findUserByEmail, findUserById } from '@/lib/users/queries'
import { SsoRefusal } from './sso-errors'

/** What an ID token (or userinfo) says about the person, as far as Gatehouse reads it. */
export interface SsoClaims {
  sub: string
  email?: string
  emailVerified: boolean
  name?: string
}

export interface SsoIdentity {
  user: User
  /** known: (provider, sub) was linked before; linked: to an existing account now; created: just in time. */
  how: 'known' | 'linked' | 'created'
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1)

function domainAllowed(provider: OidcProvider, email: string): boolean {
  return provider.allowedDomains.length === 0 || provider.allowedDomains.includes(domainOf(email))
}

/**
 * The account a provider's identity signs in as (API.md "Single sign-on"): the identity is the pair
 * (provider, sub), never the e-mail. An unknown identity is linked to the account with its e-mail
 * only when the provider verified it, its domain is allowed and the account is not an instance
 * admin; without such an account, one is created just in time under the same two conditions.
 */
export async function resolveSsoIdentity(
  runtime: Runtime,
  args: { provider: OidcProvider; claims: SsoClaims; meta: RequestMeta },
): Promise<SsoIdentity> {
  const { provider, claims, meta } = args
  const settings = await getInstanceSettings(runtime)
  return runtime.db.transaction(async (tx) => {
    const [account] = await tx
      .select({ userId: accounts.userId })
      .from(accounts)
      .where(and(eq(accounts.provider, provider.id), eq(accounts.providerAccountId, claims.sub)))
    if (account) return { user: (await findUserById(tx, account.userId)) as User, how: 'known' as const }

    const email = claims.email?.trim().toLowerCase()
    if (!email?.includes('@')) throw new SsoRefusal('sso_email_unverified', 'no_email')
    const link = { userId: '', type: 'oidc' as const, provider: provider.id, providerAccountId: claims.sub }
    const existing = await findUserByEmail(tx, email)
    if (existing) {
      if (existing.disabledAt) throw new SsoRefusal('account_disabled', 'disabled')
      const refusal = !claims.emailVerified
        ? 'email_unverified'
        : !domainAllowed(provider, email)
          ? 'domain_not_allowed'
          : existing.isAdmin
            ? 'instance_admin'
            : undefined
      if (refusal) throw new SsoRefusal('sso_account_conflict', `link_refused_${refusal}`)
      await tx.insert(accounts).values({ ...link, userId: existing.id })
      if (!existing.emailVerified)
        await tx.update(users).set({ emailVerified: new Date() }).where(eq(users.id, existing.id))
      await recordAudit(tx, {
        action: 'auth.sso.link',
        actor: { type: 'user', id: existing.id, email: existing.email },
        target: { type: 'user', id: existing.id },
        meta,
        details: { provider: provider.slug, email },
      })
      return { user: existing, how: 'linked' as const }
    }

    if (!domainAllowed(provider, email)) throw new SsoRefusal('sso_domain_not_allowed', 'domain_not_allowed')
    if (!claims.emailVerified) throw new SsoRefusal('sso_email_unverified', 'email_unverified')
    const created = await createUser(tx, {
      email,
      name: claims.name?.slice(0, 200) || email.slice(0, email.indexOf('@')),
      passwordHash: null,
      emailVerified: true,
      via: 'sso',
      actor: { type: 'anonymous' },
      meta,
    })
    await tx.insert(accounts).values({ ...link, userId: created.id })
    const user = provider.defaultOrgId
      ? await joinFirstOrg(tx, {
          user: created,
          orgId: provider.defaultOrgId,
          role: provider.defaultRole ?? settings.defaultUserRole,
          actor: { type: 'user', id: created.id, email: created.email },
          meta,
          via: `sso:${provider.slug}`,
        })
      : created
    return { user, how: 'created' as const }
  })
}
