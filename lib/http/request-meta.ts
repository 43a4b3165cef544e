import type { RequestMeta } from '@/lib/audit/types'

/**
 * The client address. The server in front of Next (scripts/server.mjs) makes X-Forwarded-For end
 * with the TCP peer, and drops whatever the client sent unless TRUST_PROXY names proxy hops. Behind
 * `hops` trusted proxies, the client is the entry the outermost of them appended: `hops` entries
 * from the end. Anything before it is the client's own claim and is never believed.
 */
export function clientIp(headers: Headers, hops: number): string | null {
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  if (chain.length === 0) return null
  const entry = chain[Math.max(0, chain.length - 1 - hops)]
  return entry.replace(/^::ffff:/, '').slice(0, 64)
}

export function requestMeta(headers: Headers, hops: number): RequestMeta {
  return { ip: clientIp(headers, hops), userAgent: headers.get('user-agent')?.slice(0, 512) ?? null }
}
