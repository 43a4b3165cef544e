// How the server in front of Next (scripts/server.mjs) rewrites the forwarding headers of each
// request from its socket, so that the client address and protocol the app sees cannot be forged.

/** Headers only a trusted proxy may set: a client sending them directly is ignored. */
const PROXY_HEADERS = ['x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-real-ip', 'forwarded']

/**
 * With no trusted proxy (`hops` 0) X-Forwarded-For becomes the TCP peer alone and the proxy headers
 * are dropped. Behind `hops` trusted proxies the peer is appended to what they sent, as every proxy
 * does, and lib/http/request-meta.ts takes the entry the outermost trusted proxy appended.
 */
export function rewriteForwarding(headers, peer, hops) {
  const address = peer ?? 'unknown'
  if (hops === 0) {
    for (const name of PROXY_HEADERS) delete headers[name]
    headers['x-forwarded-for'] = address
    return headers
  }
  const sent = [headers['x-forwarded-for']].flat().filter(Boolean).join(', ')
  headers['x-forwarded-for'] = sent ? `${sent}, ${address}` : address
  return headers
}

/** The methods Gatehouse answers; anything else (TRACE, CONNECT, PROPFIND …) is a 405, not a 500. */
export const SERVED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

export function methodNotAllowed(request, response) {
  const api = (request.url ?? '').startsWith('/api/')
  const body = api
    ? JSON.stringify({
        type: 'urn:gatehouse:error:method_not_allowed',
        title: 'Method not allowed',
        status: 405,
        detail: `${request.method} is not a method Gatehouse answers`,
        code: 'method_not_allowed',
      })
    : `${request.method} is not a method Gatehouse answers.\n`
  response.writeHead(405, {
    Allow: [...SERVED_METHODS].join(', '),
    'Content-Type': api ? 'application/problem+json' : 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  })
  response.end(body)
}
