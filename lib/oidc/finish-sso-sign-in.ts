import 'server-only'
import * as client from 'openid-client'
import type { OidcProvider } from '@/db/schema'
import { recordAuditAlone } from '@/lib/audit/record-audit'
import type { RequestMeta } from '@/lib/audit/types'
import { hasSecondFactor } from '@/lib/auth/mfa/queries'
import { createBrowserSession } from '@/lib/auth/sign-in'
import { metrics } from '@/lib/metrics/registry'
import type { Runtime } from '@/lib/runtime'
import type { NewBrowserSession } from '@/lib/sessions/create-session'
import { OutboundRefusal } from './guarded-fetch'
import { findProviderBySlug, redirectUriOf } from './provider-queries'
import { openRelyingParty } from './relying-party'
import { resolveSsoIdentity, type SsoClaims } from './resolve-sso-identity'
import { SsoRefusal } from './sso-errors'
import { type SsoFlow, takeFlow } from './sso-flows'

export type SsoOutcome = { callbackUrl: string } & (
  | { session: NewBrowserSession }
  | { pendingUserId: string; provider: string }
)

/** Some providers send email_verified as the string "true" (it is a boolean in OpenID Connect Core). */
const isTrue = (value: unknown) => value === true || value === 'true'

const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined)

/** Why openid-client refused, for the log and the audit event (never a token). */
function reasonOf(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError) return `idp_error:${error.error}`.slice(0, 120)
  if (error instanceof client.ResponseBodyError) return `token_endpoint:${error.error}`.slice(0, 120)
  if (error instanceof OutboundRefusal) return `outbound_${error.reason}`
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? code.toLowerCase() : 'token_rejected'
}

/**
 * The code exchange: the token endpoint called with the PKCE verifier, the ID token's signature
 * checked with the provider's JWKS, and its iss, aud, exp and nonce; then the person's claims (from
 * userinfo too when the ID token names no e-mail).
 */
async function exchangeCode(
  runtime: Runtime,
  provider: OidcProvider,
  flow: SsoFlow,
  args: { search: URLSearchParams; state: string },
): Promise<SsoClaims> {
  const configuration = await openRelyingParty(runtime, provider)
  // The URL the provider sent the browser to, at APP_URL: openid-client derives redirect_uri from it.
  const callback = new URL(`${redirectUriOf(runtime.config, provider.slug)}?${args.search}`)
  try {
    const tokens = await client.authorizationCodeGrant(configuration, callback, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: args.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    })
    const idToken = tokens.claims()
    if (!idToken) throw new SsoRefusal('sso_failed', 'no_id_token')
    let claims: Record<string, unknown> = idToken
    if (!text(idToken.email) && provider.discovery.userinfo_endpoint)
      claims = { ...(await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub)), sub: idToken.sub }
    return {
      sub: idToken.sub,
      email: text(claims.email),
      emailVerified: isTrue(claims.email_verified),
      name: text(claims.name),
    }
  } catch (error) {
    if (error instanceof SsoRefusal) throw error
    throw new SsoRefusal('sso_failed', reasonOf(error))
  }
}

async function auditFailure(runtime: Runtime, refusal: SsoRefusal, meta: RequestMeta, slug: string, email?: string) {
  metrics().authAttempts.inc({ status: 'failure', method: 'sso' })
  await recordAuditAlone(runtime.db, {
    action: 'auth.login',
    outcome: 'failure',
    actor: { type: 'anonymous', email: email ?? null },
    meta,
    details: { method: 'sso', provider: slug, kind: 'browser', code: refusal.code, reason: refusal.reason },
  })
}

/**
 * The callback of a sign-in begun by startSsoSignIn: the flow taken (single use, this browser, this
 * provider), the code exchanged, the identity resolved; then a session, or the second-factor step
 * for an account that has one. Every refusal is an SsoRefusal, audited as a failed auth.login.
 */
export async function finishSsoSignIn(
  runtime: Runtime,
  args: { slug: string; search: URLSearchParams; browserToken: string | undefined; meta: RequestMeta },
): Promise<SsoOutcome> {
  const { slug, meta } = args
  let email: string | undefined
  try {
    const provider = await findProviderBySlug(runtime.db, slug)
    if (!provider?.enabled || provider.needsReview) throw new SsoRefusal('sso_failed', 'provider_unavailable')
    const state = args.search.get('state')
    if (!state || !args.browserToken) throw new SsoRefusal('sso_failed', 'state_missing')
    const flow = await takeFlow(runtime.db, { state, browserToken: args.browserToken, providerId: provider.id })
    if (!flow) throw new SsoRefusal('sso_failed', 'state_invalid')
    const claims = await exchangeCode(runtime, provider, flow, { search: args.search, state })
    email = claims.email
    const { user } = await resolveSsoIdentity(runtime, { provider, claims, meta })
    if (user.disabledAt) throw new SsoRefusal('account_disabled', 'disabled')
    if (await hasSecondFactor(runtime.db, user.id))
      return { callbackUrl: flow.callbackUrl, pendingUserId: user.id, provider: provider.slug }
    metrics().authAttempts.inc({ status: 'success', method: 'sso' })
    const session = await createBrowserSession(runtime, { user }, meta, 'sso', provider.slug)
    return { callbackUrl: flow.callbackUrl, session }
  } catch (error) {
    if (!(error instanceof SsoRefusal)) throw error
    runtime.log.warn({ provider: slug, code: error.code, reason: error.reason }, 'single sign-on refused')
    await auditFailure(runtime, error, meta, slug, email)
    throw error
  }
}
