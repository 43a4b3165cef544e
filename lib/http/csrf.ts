import 'server-only'
import type { Config } from '@/lib/config'
import { safeEqual } from '@/lib/crypto/hash'
import { AppError } from '@/lib/errors'
import { CSRF_HEADER, csrfCookieName } from '@/lib/sessions/cookies'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase())
}

/**
 * A request from our own pages: its Origin is APP_URL's or, from a browser that sends no Origin,
 * Sec-Fetch-Site says same-origin. A request with neither is refused: browsers send one of them on
 * every cross-site POST, so only a forger (or a very old browser) sends none.
 */
export function isSameOrigin(headers: Headers, appUrl: string): boolean {
  const origin = headers.get('origin')
  return origin ? origin === appUrl : headers.get('sec-fetch-site') === 'same-origin'
}

/**
 * Cookie-authenticated writes need a same-origin request and the double-submit token: X-CSRF-Token
 * equal to the gatehouse-csrf cookie. Bearer requests carry no ambient credential and are exempt.
 */
export function assertCsrf(
  request: { headers: Headers; cookie(name: string): string | undefined },
  config: Pick<Config, 'appUrl' | 'isHttps'>,
): void {
  if (!isSameOrigin(request.headers, config.appUrl)) throw new AppError('csrf_failed', 'Cross-origin request refused')
  const cookie = request.cookie(csrfCookieName(config))
  const header = request.headers.get(CSRF_HEADER)
  if (!cookie || !header || !safeEqual(cookie, header)) {
    throw new AppError('csrf_failed', `Send the ${csrfCookieName(config)} cookie's value in the X-CSRF-Token header`)
  }
}
