import 'server-only'
import { cookies } from 'next/headers'
import type { Config } from '@/lib/config'
import { randomToken } from '@/lib/crypto/hash'
import {
  csrfCookieName,
  csrfCookieOptions,
  deviceCookieName,
  deviceCookieOptions,
  sessionCookieName,
  sessionCookieOptions,
} from './cookies'

/** After a sign-in: the session cookie, and a fresh CSRF token bound to nothing an attacker saw. */
export function sessionCookies(config: Config, session: { token: string; expires: Date; deviceToken?: string }) {
  return [
    { name: sessionCookieName(config), value: session.token, options: sessionCookieOptions(config, session.expires) },
    { name: csrfCookieName(config), value: randomToken(32), options: csrfCookieOptions(config) },
    ...(session.deviceToken
      ? [{ name: deviceCookieName(config), value: session.deviceToken, options: deviceCookieOptions(config) }]
      : []),
  ]
}

export async function setSessionCookies(
  config: Config,
  session: { token: string; expires: Date; deviceToken?: string },
) {
  const jar = await cookies()
  for (const cookie of sessionCookies(config, session)) jar.set(cookie.name, cookie.value, cookie.options)
}

export async function clearSessionCookie(config: Config) {
  const jar = await cookies()
  jar.delete({ name: sessionCookieName(config), path: '/', secure: config.isHttps })
}
