import 'server-only'
import { eq } from 'drizzle-orm'
import * as client from 'openid-client'
import { type OidcProvider, oidcProviders } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import { type RequestMeta, SYSTEM_ACTOR } from '@/lib/audit/types'
import { AppError, isAppError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import { discoverIssuer } from './discover-issuer'
import { endpointDrift } from './endpoint-drift'
import { findProviderBySlug, redirectUriOf } from './provider-queries'
import { openRelyingParty, outboundPolicyOf } from './relying-party'
import { SsoRefusal } from './sso-errors'
import { rememberFlow } from './sso-flows'

/** An enabled provider by slug; 404 for an unknown or disabled one (API.md). */
export async function requireEnabledProvider(runtime: Runtime, slug: string): Promise<OidcProvider> {
  const provider = await findProviderBySlug(runtime.db, slug)
  if (!provider?.enabled) throw new AppError('not_found', `No single sign-on provider ${slug}`)
  if (provider.needsReview) throw new SsoRefusal('sso_failed', 'provider_needs_review')
  return provider
}

/**
 * Refuses the sign-in when the provider's discovery document now puts an endpoint on another host
 * than the accepted one, and marks the provider "needs review" (audited oidc.provider.drift) until
 * an administrator saves it again. A document that cannot be fetched refuses this sign-in only.
 */
async function assertNoDrift(runtime: Runtime, provider: OidcProvider, meta: RequestMeta) {
  let current: Awaited<ReturnType<typeof discoverIssuer>>
  try {
    current = await discoverIssuer(provider.issuer, outboundPolicyOf(runtime.config))
  } catch (error) {
    if (!isAppError(error)) throw error
    runtime.log.warn({ provider: provider.slug, reason: error.message }, 'SSO discovery failed at sign-in')
    throw new SsoRefusal('sso_failed', 'discovery_failed')
  }
  const moved = endpointDrift(provider.discovery, current)
  if (moved.length === 0) return
  await runtime.db.transaction(async (tx) => {
    await tx.update(oidcProviders).set({ needsReview: true }).where(eq(oidcProviders.id, provider.id))
    await recordAudit(tx, {
      action: 'oidc.provider.drift',
      outcome: 'failure',
      actor: SYSTEM_ACTOR,
      target: { type: 'oidc_provider', id: provider.id },
      meta,
      details: { slug: provider.slug, moved },
    })
  })
  throw new SsoRefusal('sso_failed', 'provider_drift')
}

/**
 * Begins a sign-in with a provider: the authorization code flow with PKCE (S256), a state and a
 * nonce kept server-side for this browser, and the URL of the provider's authorization endpoint.
 */
export async function startSsoSignIn(
  runtime: Runtime,
  args: { slug: string; callbackUrl: string; browserToken: string; loginHint?: string; meta: RequestMeta },
): Promise<URL> {
  const provider = await requireEnabledProvider(runtime, args.slug)
  await assertNoDrift(runtime, provider, args.meta)
  const relyingParty = await openRelyingParty(runtime, provider)
  const codeVerifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  await rememberFlow(runtime.db, {
    providerId: provider.id,
    codeVerifier,
    nonce,
    callbackUrl: args.callbackUrl,
    state,
    browserToken: args.browserToken,
  })
  return client.buildAuthorizationUrl(relyingParty, {
    redirect_uri: redirectUriOf(runtime.config, provider.slug),
    response_type: 'code',
    scope: provider.scopes.join(' '),
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...(args.loginHint ? { login_hint: args.loginHint } : {}),
  })
}
