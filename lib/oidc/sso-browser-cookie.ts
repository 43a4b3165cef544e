import type { Config } from '@/lib/config'
import { randomToken } from '@/lib/crypto/hash'
import { SSO_FLOW_TTL_SECONDS } from './sso-flows'

// Binds a single sign-on to the browser that began it: a state carried to another browser (a
// login CSRF, a leaked callback URL) finds no flow there. SameSite=Lax, because the provider sends
// the browser back with a top-level GET from its own site.
export const ssoBrowserCookieName = (config: Pick<Config, 'isHttps'>) =>
  config.isHttps ? '__Host-gatehouse.sso' : 'gatehouse.sso'

export function ssoBrowserCookieOptions(config: Pick<Config, 'isHttps'>) {
  return { httpOnly: true, secure: config.isHttps, sameSite: 'lax' as const, path: '/', maxAge: SSO_FLOW_TTL_SECONDS }
}

/** The browser's binding token: the one it holds (two tabs signing in at once share it) or a new one. */
export function ssoBrowserToken(existing: string | undefined): string {
  return existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomToken(32)
}
