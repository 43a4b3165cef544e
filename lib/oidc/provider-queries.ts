import 'server-only'
import { and, asc, eq } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { type OidcProvider, oidcProviders, organizations } from '@/db/schema'
import type { Config } from '@/lib/config'
import { AppError } from '@/lib/errors'
import type { ProviderResponse } from './provider-schemas'

export function findProviders(db: Executor) {
  return db.select().from(oidcProviders).orderBy(asc(oidcProviders.name), asc(oidcProviders.slug))
}

export async function findProviderBySlug(db: Executor, slug: string): Promise<OidcProvider | undefined> {
  const [provider] = await db.select().from(oidcProviders).where(eq(oidcProviders.slug, slug))
  return provider
}

export async function requireProviderBySlug(db: Executor, slug: string): Promise<OidcProvider> {
  const provider = await findProviderBySlug(db, slug)
  if (!provider) throw new AppError('not_found', `No single sign-on provider ${slug}`)
  return provider
}

/** 422 unless the org a provider puts its new accounts in exists. */
export async function assertDefaultOrgExists(db: Executor, orgId: string | null | undefined): Promise<void> {
  if (!orgId) return
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, orgId))
  if (!org)
    throw new AppError('validation_failed', 'No such organization', [
      { path: 'default_org_id', message: 'No such organization' },
    ])
}

/** The address to register at the identity provider. */
export function redirectUriOf(config: Pick<Config, 'appUrl'>, slug: string): string {
  return `${config.appUrl}/api/auth/callback/${slug}`
}

export function providerJson(config: Pick<Config, 'appUrl'>, provider: OidcProvider): ProviderResponse {
  return {
    slug: provider.slug,
    name: provider.name,
    issuer: provider.issuer,
    client_id: provider.clientId,
    scopes: provider.scopes,
    allowed_domains: provider.allowedDomains,
    default_org_id: provider.defaultOrgId,
    default_role: provider.defaultRole,
    enabled: provider.enabled,
    redirect_uri: redirectUriOf(config, provider.slug),
    needs_review: provider.needsReview,
    created_at: provider.createdAt,
    updated_at: provider.updatedAt,
  }
}

/** The providers a sign-in page offers: enabled, and not waiting for an administrator's review. */
export function findSignInProviders(db: Executor) {
  return db
    .select({ slug: oidcProviders.slug, name: oidcProviders.name, allowedDomains: oidcProviders.allowedDomains })
    .from(oidcProviders)
    .where(and(eq(oidcProviders.enabled, true), eq(oidcProviders.needsReview, false)))
    .orderBy(asc(oidcProviders.name), asc(oidcProviders.slug))
}

/** The sign-in provider that names the e-mail's domain among its allowed domains (first by name). */
export async function findProviderForEmail(db: Executor, email: string) {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase()
  return (await findSignInProviders(db)).find((provider) => provider.allowedDomains.includes(domain))
}

/** A provider's display name by its slug, for pages that name how someone signed in. */
export async function findProviderName(db: Executor, slug: string): Promise<string | undefined> {
  const [row] = await db.select({ name: oidcProviders.name }).from(oidcProviders).where(eq(oidcProviders.slug, slug))
  return row?.name
}
