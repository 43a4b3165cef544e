import 'server-only'
import { safeEqual } from '@/lib/crypto/hash'
import { AppError } from '@/lib/errors'
import { CSRF_COOKIE, CSRF_HEADER } from '@/lib/sessions/cookies'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase())
}

/**
 * Cookie-authenticated writes need a same-origin Origin (or Sec-Fetch-Site: same-origin when a
 * browser sends no Origin) and the double-submit token: X-CSRF-Token equal to the gatehouse-csrf
 * cookie. Bearer requests carry no ambient credential and are exempt.
 */
export function assertCsrf(
  request: { headers: Headers; cookie(name: string): string | undefined },
  appUrl: string,
): void {
  const origin = request.headers.get('origin')
  const sameOrigin = origin ? origin === appUrl : request.headers.get('sec-fetch-site') === 'same-origin'
  if (!sameOrigin) throw new AppError('csrf_failed', 'Cross-origin request refused')
  const cookie = request.cookie(CSRF_COOKIE)
  const header = request.headers.get(CSRF_HEADER)
  if (!cookie || !header || !safeEqual(cookie, header)) {
    throw new AppError('csrf_failed', `Send the ${CSRF_COOKIE} cookie's value in the X-CSRF-Token header`)
  }
}
