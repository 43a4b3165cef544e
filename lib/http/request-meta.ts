import type { RequestMeta } from '@/lib/audit/types'

/**
 * The client address. `next start` appends the socket's address to X-Forwarded-For, so its last
 * entry is the peer; the entries before it are believed only with TRUST_PROXY (the one proxy hop
 * in front of us wrote the entry just before its own).
 */
export function clientIp(headers: Headers, trustProxy: boolean): string | null {
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  if (chain.length === 0) return headers.get('x-real-ip')
  const index = trustProxy && chain.length > 1 ? chain.length - 2 : chain.length - 1
  return chain[index].replace(/^::ffff:/, '').slice(0, 64)
}

export function requestMeta(headers: Headers, trustProxy: boolean): RequestMeta {
  return { ip: clientIp(headers, trustProxy), userAgent: headers.get('user-agent')?.slice(0, 512) ?? null }
}
