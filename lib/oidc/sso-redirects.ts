import 'server-only'
import { NextResponse } from 'next/server'
import type { Config } from '@/lib/config'
import type { SsoErrorCode } from './sso-errors'

interface CookieSpec {
  name: string
  value: string
  options: Parameters<NextResponse['cookies']['set']>[2]
}

/** A 302 (API.md; Next's redirect() answers 307) to a path of this instance (or an absolute URL), with cookies set on it. */
export function redirectWithCookies(config: Pick<Config, 'appUrl'>, path: string, cookies: CookieSpec[] = []) {
  const response = new NextResponse(null, { status: 302, headers: { location: new URL(path, config.appUrl).href } })
  for (const cookie of cookies) response.cookies.set(cookie.name, cookie.value, cookie.options)
  return response
}

/** Where every refused single sign-on ends: the sign-in page, naming the error code, and no session. */
export function ssoFailureRedirect(config: Pick<Config, 'appUrl'>, code: SsoErrorCode) {
  return redirectWithCookies(config, `/login?error=${code}`)
}
