import 'server-only'
import { z } from 'zod'
import type { StoredDiscovery } from '@/db/schema'
import { AppError } from '@/lib/errors'
import { assertOutboundUrl, guardedFetch, type OutboundPolicy, OutboundRefusal } from './guarded-fetch'

/**
 * What Gatehouse keeps of a provider's discovery document: the endpoints it will call or send users
 * to, and how tokens are signed and the client secret sent.
 */
export type DiscoveredEndpoints = StoredDiscovery

const ENDPOINTS = ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'userinfo_endpoint'] as const

const endpoint = (name: string) =>
  z
    .string({ message: `${name} is not a string` })
    .refine((value) => URL.canParse(value), `${name} is not a URL`)
    .optional()

const documentSchema = z.object(
  {
    issuer: z.string({ message: 'the document has no issuer' }),
    authorization_endpoint: endpoint('authorization_endpoint'),
    token_endpoint: endpoint('token_endpoint'),
    jwks_uri: endpoint('jwks_uri'),
    userinfo_endpoint: endpoint('userinfo_endpoint'),
    id_token_signing_alg_values_supported: z.array(z.string()).optional().catch(undefined),
    token_endpoint_auth_methods_supported: z.array(z.string()).optional().catch(undefined),
  },
  { message: 'the answer is not a JSON object' },
)

const refused = (message: string) =>
  new AppError('validation_failed', `The issuer's discovery document was not accepted: ${message}`, [
    { path: 'issuer', message },
  ])

function discoveryUrl(issuer: string): URL {
  return new URL(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`)
}

async function fetchDocument(issuer: string, policy: OutboundPolicy): Promise<unknown> {
  const where = discoveryUrl(issuer)
  let response: Response
  try {
    response = await guardedFetch(where, { headers: { accept: 'application/json' } }, policy)
  } catch (error) {
    if (error instanceof OutboundRefusal) throw refused(error.message)
    throw error
  }
  if (response.status !== 200) throw refused(`${where} answered ${response.status}, not 200`)
  try {
    return await response.json()
  } catch {
    throw refused(`${where} did not answer with JSON`)
  }
}

/**
 * Fetches and checks an issuer's discovery document (OpenID Connect Discovery 1.0): the issuer it
 * names is exactly the one configured, it has authorization, token and JWKS endpoints, and every
 * endpoint may be called under the outbound policy (a document that points the token endpoint at
 * an internal address is refused here, and again by guardedFetch at each call). 422 naming why.
 */
export async function discoverIssuer(issuer: string, policy: OutboundPolicy): Promise<DiscoveredEndpoints> {
  if (!URL.canParse(issuer) || !/^https?:$/.test(new URL(issuer).protocol))
    throw refused('the issuer must be an https:// URL')
  const parsed = documentSchema.safeParse(await fetchDocument(issuer, policy))
  if (!parsed.success) throw refused(parsed.error.issues[0].message)
  const document = parsed.data
  if (document.issuer !== issuer) throw refused(`it names its issuer ${document.issuer}, not ${issuer}`)
  for (const name of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const)
    if (!document[name]) throw refused(`it has no ${name}`)
  for (const name of ENDPOINTS) {
    const value = document[name]
    if (!value) continue
    try {
      await assertOutboundUrl(new URL(value), policy)
    } catch (error) {
      if (error instanceof OutboundRefusal) throw refused(`its ${name}: ${error.message}`)
      throw error
    }
  }
  return {
    issuer: document.issuer,
    authorization_endpoint: document.authorization_endpoint as string,
    token_endpoint: document.token_endpoint as string,
    jwks_uri: document.jwks_uri as string,
    ...(document.userinfo_endpoint ? { userinfo_endpoint: document.userinfo_endpoint } : {}),
    ...(document.id_token_signing_alg_values_supported
      ? {
          id_token_signing_alg_values_supported: document.id_token_signing_alg_values_supported.filter(
            (alg) => alg !== 'none',
          ),
        }
      : {}),
    ...(document.token_endpoint_auth_methods_supported
      ? { token_endpoint_auth_methods_supported: document.token_endpoint_auth_methods_supported }
      : {}),
  }
}
