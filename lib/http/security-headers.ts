import type { Config } from '@/lib/config'

/** On every answer while AUTH_ENABLED=false, so that no one mistakes such an instance for a real one. */
export const AUTH_DISABLED_HEADER = 'X-Gatehouse-Auth'

export const HSTS_VALUE = 'max-age=63072000; includeSubDomains; preload'

/** Headers every response carries (pages, API and static files alike); set in next.config.ts. */
export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  // Old browsers' XSS auditors could be abused to blank out parts of a page; CSP does the real work.
  'X-XSS-Protection': '0',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

/** API answers are data, never documents: nothing may load or frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com'

/**
 * The page policy: scripts only with this request's nonce, and what they load ('strict-dynamic').
 * With Turnstile on, Cloudflare's script (for browsers without 'strict-dynamic') and its frame.
 */
export function pageCsp(nonce: string, options: { dev: boolean; https: boolean; turnstile?: boolean }): string {
  const turnstile = options.turnstile ? ` ${TURNSTILE_ORIGIN}` : ''
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${turnstile}${options.dev ? " 'unsafe-eval'" : ''}`,
    ...(options.turnstile ? [`frame-src ${TURNSTILE_ORIGIN}`] : []),
    // Radix positions popovers with inline style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    // The service worker (public/sw.js): 'strict-dynamic' would otherwise refuse a same-origin worker.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ')
}

/** The protocol the client used, as the trusted proxy reports it (X-Forwarded-Proto is believed only with TRUST_PROXY). */
function forwardedProto(config: Pick<Config, 'trustProxy'>, headers: Headers): string | null {
  return config.trustProxy > 0 ? headers.get('x-forwarded-proto') : null
}

/** HSTS is sent over HTTPS (APP_URL, or X-Forwarded-Proto from a trusted proxy) and always with TLS_REQUIRED. */
export function wantsHsts(config: Pick<Config, 'isHttps' | 'tlsRequired' | 'trustProxy'>, headers: Headers): boolean {
  return config.tlsRequired || config.isHttps || forwardedProto(config, headers) === 'https'
}

/**
 * With TLS_REQUIRED, a plain-HTTP request (as the trusted proxy reports it, or as it arrived) is
 * redirected to the same path on APP_URL's host: never to the request's Host header, which a client
 * controls.
 */
export function httpsRedirectTarget(
  config: Pick<Config, 'tlsRequired' | 'appUrl' | 'trustProxy'>,
  url: URL,
  headers: Headers,
): string | null {
  if (!config.tlsRequired) return null
  const proto = forwardedProto(config, headers) ?? url.protocol.replace(':', '')
  if (proto === 'https') return null
  const target = new URL(`${url.pathname}${url.search}`, config.appUrl)
  if (target.protocol !== 'https:') {
    target.protocol = 'https:'
    target.port = ''
  }
  return target.toString()
}
