import type { StoredDiscovery } from '@/db/schema'

const WATCHED = ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri', 'userinfo_endpoint'] as const

export interface MovedEndpoint {
  endpoint: (typeof WATCHED)[number]
  from: string | null
  to: string | null
}

const hostOf = (url: string | undefined) => (url ? new URL(url).host : null)

/**
 * The endpoints a provider's current discovery document puts on another host than the document an
 * administrator accepted. A new path on the same host is not drift; a new host is (a hijacked
 * document, or a move nobody reviewed).
 */
export function endpointDrift(accepted: StoredDiscovery, current: StoredDiscovery): MovedEndpoint[] {
  return WATCHED.flatMap((endpoint) => {
    const from = hostOf(accepted[endpoint])
    const to = hostOf(current[endpoint])
    return from === to || (endpoint === 'userinfo_endpoint' && to === null) ? [] : [{ endpoint, from, to }]
  })
}
