import 'server-only'
import { eq } from 'drizzle-orm'
import { accounts, type OidcProvider, oidcProviders } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import { discoverIssuer } from './discover-issuer'
import { assertDefaultOrgExists, requireProviderBySlug } from './provider-queries'
import type { CreateProviderBody, UpdateProviderBody } from './provider-schemas'
import { deleteClientSecret, storeClientSecret } from './provider-secret'

interface SaveArgs<B> {
  runtime: Runtime
  actor: AuditActor
  meta: RequestMeta
  body: B
}

const policyOf = (runtime: Runtime) => ({ trustedOrigins: runtime.config.oidcTrustedIssuers })
const target = (provider: OidcProvider) => ({ type: 'oidc_provider', id: provider.id })

/** The columns a body sets (an update leaves out what it does not name). */
function columnsOf(body: UpdateProviderBody) {
  return {
    name: body.name,
    issuer: body.issuer,
    clientId: body.client_id,
    scopes: body.scopes,
    allowedDomains: body.allowed_domains,
    defaultOrgId: body.default_org_id,
    defaultRole: body.default_role,
    enabled: body.enabled,
  }
}

/** What an audit event says about a provider: everything an admin set, never the client secret. */
function described(body: Partial<CreateProviderBody>) {
  const { client_secret: secret, ...rest } = body
  return { ...rest, ...(secret === undefined ? {} : { client_secret: 'changed' }) }
}

/** Adds a provider once its discovery document is accepted; the client secret is sealed in the registry. */
export async function createProvider({ runtime, actor, meta, body }: SaveArgs<CreateProviderBody>) {
  await assertDefaultOrgExists(runtime.db, body.default_org_id)
  const discovery = await discoverIssuer(body.issuer, policyOf(runtime))
  return runtime.db.transaction(async (tx) => {
    const [provider] = await tx
      .insert(oidcProviders)
      .values({
        ...columnsOf(body),
        slug: body.slug,
        name: body.name,
        issuer: body.issuer,
        clientId: body.client_id,
        discovery,
      })
      .onConflictDoNothing({ target: oidcProviders.slug })
      .returning()
    if (!provider) throw new AppError('conflict', `A provider with the slug ${body.slug} exists already`)
    await storeClientSecret(tx, runtime.masterKey, provider.id, body.client_secret)
    await recordAudit(tx, {
      action: 'oidc.provider.create',
      actor,
      target: target(provider),
      meta,
      details: described(body),
    })
    return provider
  })
}

/**
 * Changes a provider. Saving fetches the discovery document again (the issuer may have moved its
 * endpoints) and clears "needs review": an administrator has looked at it.
 */
export async function updateProvider({
  runtime,
  actor,
  meta,
  body,
  slug,
}: SaveArgs<UpdateProviderBody> & { slug: string }) {
  const current = await requireProviderBySlug(runtime.db, slug)
  await assertDefaultOrgExists(runtime.db, body.default_org_id)
  const discovery = await discoverIssuer(body.issuer ?? current.issuer, policyOf(runtime))
  return runtime.db.transaction(async (tx) => {
    const [provider] = await tx
      .update(oidcProviders)
      .set({ ...columnsOf(body), discovery, needsReview: false })
      .where(eq(oidcProviders.id, current.id))
      .returning()
    if (body.client_secret !== undefined)
      await storeClientSecret(tx, runtime.masterKey, provider.id, body.client_secret)
    await recordAudit(tx, {
      action: 'oidc.provider.update',
      actor,
      target: target(provider),
      meta,
      details: { slug, ...described(body), ...(current.needsReview ? { reviewed: true } : {}) },
    })
    return provider
  })
}

/** Removes a provider, its sealed secret and the identities linked through it. */
export async function deleteProvider({
  runtime,
  actor,
  meta,
  slug,
}: Omit<SaveArgs<unknown>, 'body'> & { slug: string }) {
  const provider = await requireProviderBySlug(runtime.db, slug)
  await runtime.db.transaction(async (tx) => {
    await tx.delete(oidcProviders).where(eq(oidcProviders.id, provider.id))
    // Its identities go with it: a provider added later under the same slug is another issuer.
    await tx.delete(accounts).where(eq(accounts.provider, provider.id))
    await deleteClientSecret(tx, provider.id)
    await recordAudit(tx, { action: 'oidc.provider.delete', actor, target: target(provider), meta, details: { slug } })
  })
}
