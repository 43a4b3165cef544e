import 'server-only'
import { NextRequest } from 'next/server'
import { route } from '@/lib/http/route'
import { handlers } from './nextauth'

/**
 * The request as Auth.js sees it: at APP_URL, whatever Host or X-Forwarded-Host the client sent, so
 * every URL it builds (callbacks, redirects) points at this instance and nowhere else.
 */
function pinnedToAppUrl(request: NextRequest, appUrl: string): NextRequest {
  const url = new URL(`${request.nextUrl.pathname}${request.nextUrl.search}`, appUrl)
  const headers = new Headers(request.headers)
  headers.set('host', url.host)
  headers.set('x-forwarded-host', url.host)
  headers.set('x-forwarded-proto', url.protocol.replace(':', ''))
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
  // duplex: a streamed body must say it is sent half-duplex (undici); the DOM type does not know it.
  const init = { method: request.method, headers, body: hasBody ? request.body : undefined, duplex: 'half' }
  return new NextRequest(url, init as ConstructorParameters<typeof NextRequest>[1])
}

function protectedHandler(handler: (request: NextRequest) => Promise<Response>) {
  // Auth.js answers for itself (its own session check, redirects); the wrapper adds the rate limit
  // and headers of every API answer.
  return route({ summary: 'Auth.js (sign-in providers, session)', auth: 'none' }, async ({ request, runtime }) =>
    handler(pinnedToAppUrl(request, runtime.config.appUrl)),
  )
}

/** /api/auth/*: Auth.js behind the same limits and headers as /api/v1, with its URLs pinned to APP_URL. */
export const authJsRoutes = { GET: protectedHandler(handlers.GET), POST: protectedHandler(handlers.POST) }
