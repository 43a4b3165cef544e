import { type NextRequest, NextResponse } from 'next/server'
import { getConfig } from '@/lib/config'
import { randomToken } from '@/lib/crypto/hash'
import { isSameOrigin } from '@/lib/http/csrf'
import { developmentHostRefusal, isDevelopmentHost } from '@/lib/http/development-host'
import { AUTH_DISABLED_HEADER, HSTS_VALUE, httpsRedirectTarget, pageCsp, wantsHsts } from '@/lib/http/security-headers'
import { csrfCookieName, csrfCookieOptions, sessionCookieName } from '@/lib/sessions/cookies'

// Pages that need no session. Everything else in the console is gated here optimistically (a cookie
// is present) and for real in the console layout and every server action (requireUser).
// The pages of mail links open in any browser, signed in or not.
const PUBLIC_PATHS = [
  '/login',
  '/setup',
  '/register',
  '/forgot-password',
  '/reset-password',
  '/verify-email',
  '/report',
]

function isPublic(pathname: string): boolean {
  return PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`))
}

// The one page guests may read (ALLOW_GUEST_MODE): an org's file list, exactly. The proxy cannot
// tell whether that org takes guests (it never touches the database), so the page decides, and
// sends everyone else to /login just as this gate would have.
const GUEST_READABLE_PAGE = /^\/orgs\/[^/]+\/files$/

function mayBeGuest(request: NextRequest, allowGuestMode: boolean): boolean {
  return allowGuestMode && request.method === 'GET' && GUEST_READABLE_PAGE.test(request.nextUrl.pathname)
}

/** A refusal in plain words, for requests that get no page at all. */
function plainRefusal(text: string, headers: Record<string, string> = {}): NextResponse {
  return new NextResponse(`${text}\n`, {
    status: 403,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  })
}

/** Console pages only (see matcher): security headers with a per-request CSP nonce, and the auth gate. Never touches the database. */
export function proxy(request: NextRequest) {
  const config = getConfig()
  const redirect = httpsRedirectTarget(config, request.nextUrl, request.headers)
  if (redirect) return NextResponse.redirect(redirect, 308)
  // A server action is a POST any site can aim at us: only our own pages may call one (Next's own
  // check lets a request without Origin through, and answers a cross-origin one with a 500).
  if (
    request.method === 'POST' &&
    request.headers.has('next-action') &&
    !isSameOrigin(request.headers, config.appUrl)
  ) {
    return plainRefusal('This request did not come from Gatehouse’s own pages, so it was refused.')
  }

  if (!config.authEnabled && !isDevelopmentHost(config.appUrl, request.headers.get('host'))) {
    return plainRefusal(`${developmentHostRefusal(config.appUrl, request.headers.get('host'))}.`, {
      [AUTH_DISABLED_HEADER]: 'disabled',
    })
  }

  const nonce = randomToken(16)
  const csp = pageCsp(nonce, {
    dev: config.nodeEnv === 'development',
    https: config.isHttps,
    // Administrators switch Turnstile on at runtime; the proxy never reads the database, so the keys decide.
    turnstile: Boolean(config.turnstile.siteKey),
  })
  let response: NextResponse
  const gated = config.authEnabled && !isPublic(request.nextUrl.pathname) && !mayBeGuest(request, config.allowGuestMode)
  if (gated && !request.cookies.has(sessionCookieName(config))) {
    const login = new URL('/login', config.appUrl)
    const target = `${request.nextUrl.pathname}${request.nextUrl.search}`
    if (target !== '/') login.searchParams.set('callbackUrl', target)
    response = NextResponse.redirect(login)
  } else {
    // Next reads the CSP from the request headers to put the nonce on its own scripts.
    const headers = new Headers(request.headers)
    headers.set('x-nonce', nonce)
    headers.set('Content-Security-Policy', csp)
    response = NextResponse.next({ request: { headers } })
  }
  response.headers.set('Content-Security-Policy', csp)
  if (wantsHsts(config, request.headers)) response.headers.set('Strict-Transport-Security', HSTS_VALUE)
  if (!config.authEnabled) response.headers.set(AUTH_DISABLED_HEADER, 'disabled')
  const csrfCookie = csrfCookieName(config)
  if (!request.cookies.has(csrfCookie)) response.cookies.set(csrfCookie, randomToken(32), csrfCookieOptions(config))
  return response
}

export const config = {
  // Not /api (route handlers set their own headers: a proxy there doubled their cost) and not static assets.
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|icon.svg|robots.txt|sw.js|\\.well-known/).*)'],
}
