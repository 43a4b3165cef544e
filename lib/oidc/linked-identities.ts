import 'server-only'
import { asc, eq } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { accounts, oidcProviders, users } from '@/db/schema'

export interface SignInMethods {
  hasPassword: boolean
  /** The single sign-on providers linked to the account, by display name. */
  providers: { slug: string; name: string }[]
}

/** How an account can sign in: with a password (SSO accounts have none until they set one) and which providers. */
export async function findSignInMethods(db: Executor, userId: string): Promise<SignInMethods> {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId))
  const providers = await db
    .select({ slug: oidcProviders.slug, name: oidcProviders.name })
    .from(accounts)
    .innerJoin(oidcProviders, eq(oidcProviders.id, accounts.provider))
    .where(eq(accounts.userId, userId))
    .orderBy(asc(oidcProviders.name))
  return { hasPassword: Boolean(user?.passwordHash), providers }
}
