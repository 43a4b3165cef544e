import 'server-only'
import { cookies } from 'next/headers'
import type { Config } from '@/lib/config'
import { randomToken } from '@/lib/crypto/hash'
import { csrfCookieName, csrfCookieOptions, sessionCookieName, sessionCookieOptions } from './cookies'

/** After a sign-in: the session cookie, and a fresh CSRF token bound to nothing an attacker saw. */
export async function setSessionCookies(config: Config, session: { token: string; expires: Date }) {
  const jar = await cookies()
  jar.set(sessionCookieName(config), session.token, sessionCookieOptions(config, session.expires))
  jar.set(csrfCookieName(config), randomToken(32), csrfCookieOptions(config))
}

export async function clearSessionCookie(config: Config) {
  const jar = await cookies()
  jar.delete({ name: sessionCookieName(config), path: '/', secure: config.isHttps })
}
