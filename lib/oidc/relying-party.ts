import 'server-only'
import * as client from 'openid-client'
import type { OidcProvider } from '@/db/schema'
import type { Config } from '@/lib/config'
import type { Runtime } from '@/lib/runtime'
import { guardedFetch, type OutboundPolicy } from './guarded-fetch'
import { readClientSecret } from './provider-secret'
import { SsoRefusal } from './sso-errors'

export const outboundPolicyOf = (config: Pick<Config, 'oidcTrustedIssuers'>): OutboundPolicy => ({
  trustedOrigins: config.oidcTrustedIssuers,
})

/** The client secret goes as HTTP Basic unless the provider says it takes only client_secret_post. */
function clientAuthFor(provider: OidcProvider, secret: string): client.ClientAuth {
  const methods = provider.discovery.token_endpoint_auth_methods_supported
  if (methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post'))
    return client.ClientSecretPost(secret)
  return client.ClientSecretBasic(secret)
}

/**
 * openid-client's view of a provider, built from the discovery document an administrator accepted
 * (never from one fetched during a sign-in), with every call it makes going through guardedFetch.
 */
function relyingParty(config: Config, provider: OidcProvider, clientSecret: string): client.Configuration {
  const { discovery } = provider
  const algorithms = discovery.id_token_signing_alg_values_supported?.filter((alg) => alg !== 'none')
  const configuration = new client.Configuration(
    { ...discovery, id_token_signing_alg_values_supported: algorithms?.length ? algorithms : ['RS256'] },
    provider.clientId,
    { client_secret: clientSecret },
    clientAuthFor(provider, clientSecret),
  )
  // openid-client would take an ID token from the token endpoint on the strength of TLS alone (OIDC
  // Core 3.1.3.7 allows it); Gatehouse checks its signature with the provider's JWKS as well, so a
  // token endpoint reached through a trusted http:// origin or a hijacked route cannot mint one.
  client.enableNonRepudiationChecks(configuration)
  const policy = outboundPolicyOf(config)
  configuration[client.customFetch] = (url, options) =>
    guardedFetch(url, options as RequestInit, policy) as ReturnType<client.CustomFetch>
  // http:// is allowed only for an issuer the operator listed in OIDC_TRUSTED_ISSUERS (a lab IdP);
  // guardedFetch still refuses http:// for every origin not listed.
  if (new URL(provider.issuer).protocol === 'http:' && policy.trustedOrigins.includes(new URL(provider.issuer).origin))
    client.allowInsecureRequests(configuration)
  return configuration
}

/** The relying party for a sign-in with `provider`, its client secret unsealed; sso_failed without one. */
export async function openRelyingParty(runtime: Runtime, provider: OidcProvider): Promise<client.Configuration> {
  const secret = await readClientSecret(runtime.db, runtime.masterKey, provider.id)
  if (!secret) throw new SsoRefusal('sso_failed', 'client_secret_missing')
  return relyingParty(runtime.config, provider, secret)
}
