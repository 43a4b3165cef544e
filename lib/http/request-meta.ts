import type { RequestMeta } from '@/lib/audit/types'
import type { Config } from '@/lib/config'
import { deviceCookieName } from '@/lib/sessions/cookies'

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

const DEVICE_SHAPE = /^[A-Za-z0-9_-]{43}$/

/** The device cookie's value (under its `__Host-` name over https), or null when absent or malformed. */
export function deviceOf(headers: Headers, config: Pick<Config, 'isHttps'>): string | null {
  const prefix = `${deviceCookieName(config)}=`
  const value = (headers.get('cookie') ?? '')
    .split(/;\s*/)
    .find((pair) => pair.startsWith(prefix))
    ?.slice(prefix.length)
  return value && DEVICE_SHAPE.test(value) ? value : null
}

export function requestMeta(headers: Headers, config: Pick<Config, 'trustProxy' | 'isHttps'>): RequestMeta {
  return {
    ip: clientIp(headers, config.trustProxy),
    userAgent: headers.get('user-agent')?.slice(0, 512) ?? null,
    device: deviceOf(headers, config),
  }
}
