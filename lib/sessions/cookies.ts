import type { Config } from '@/lib/config'

/** `__Host-` binds the cookie to this exact origin over HTTPS (no Domain, Path=/, Secure). */
export function sessionCookieName(config: Pick<Config, 'isHttps'>): string {
  return config.isHttps ? '__Host-gatehouse.session' : 'gatehouse.session'
}

/**
 * Named in API.md; readable by the page's script so it can echo it in X-CSRF-Token. `__Host-` over
 * HTTPS, so that no other host (a sibling subdomain) can plant a value of its own.
 */
export function csrfCookieName(config: Pick<Config, 'isHttps'>): string {
  return config.isHttps ? '__Host-gatehouse-csrf' : 'gatehouse-csrf'
}
export const CSRF_HEADER = 'x-csrf-token'

/** HttpOnly, SameSite=Lax, Secure over HTTPS; the expiry is the session row's. */
export function sessionCookieAttributes(config: Pick<Config, 'isHttps'>) {
  return { httpOnly: true, secure: config.isHttps, sameSite: 'lax' as const, path: '/' }
}

export function sessionCookieOptions(config: Pick<Config, 'isHttps'>, expires: Date) {
  return { ...sessionCookieAttributes(config), expires }
}

export function csrfCookieOptions(config: Pick<Config, 'isHttps'>) {
  return { httpOnly: false, secure: config.isHttps, sameSite: 'lax' as const, path: '/' }
}

/** A browser's long-lived id, to tell a sign-in from a browser the account has not used before (lib/auth/devices). */
export function deviceCookieName(config: Pick<Config, 'isHttps'>): string {
  return config.isHttps ? '__Host-gatehouse.device' : 'gatehouse.device'
}

const DEVICE_COOKIE_DAYS = 400

export function deviceCookieOptions(config: Pick<Config, 'isHttps'>) {
  return { ...sessionCookieAttributes(config), maxAge: DEVICE_COOKIE_DAYS * 24 * 3600 }
}
