import 'server-only'
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import { isPublicAddress } from './public-address'

export type RefusalReason = 'scheme' | 'address' | 'redirects' | 'timeout' | 'size' | 'network'

/** Why an outbound call to an identity provider was not made or not finished; `message` says it plainly. */
export class OutboundRefusal extends Error {
  override name = 'OutboundRefusal'
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message)
  }
}

export interface OutboundPolicy {
  /** Origins an administrator trusts (OIDC_TRUSTED_ISSUERS): http and non-public addresses allowed. */
  trustedOrigins: readonly string[]
  /** The variable that lists them, named in refusals. */
  allowList?: 'OIDC_TRUSTED_ISSUERS' | 'PUSH_ALLOWED_ORIGINS'
  timeoutMs?: number
  maxBytes?: number
  maxRedirects?: number
}

type Body = string | URLSearchParams | Uint8Array | null | undefined

const DEFAULTS = { timeoutMs: 10_000, maxBytes: 1024 * 1024, maxRedirects: 3 }

/**
 * Resolves the name and refuses it when any address is not public. It runs when the socket
 * connects, so the address checked is the address used: a name that answers a public address to a
 * check and a private one to the connection (DNS rebinding) gets nowhere.
 */
function guardedLookup(hostname: string): LookupFunction {
  return (name, options, callback) => {
    dnsLookup(name, { all: true, verbatim: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0)
      const internal = addresses.find((entry) => !isPublicAddress(entry.address))
      if (internal || addresses.length === 0) {
        const refusal = new OutboundRefusal(
          'address',
          `${hostname} resolves to ${internal?.address ?? 'no address'}, which is not a public address`,
        )
        return callback(refusal, '', 0)
      }
      if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses)
      callback(null, addresses[0].address, addresses[0].family)
    })
  }
}

function assertAllowedUrl(url: URL, trusted: boolean, allowList = 'OIDC_TRUSTED_ISSUERS') {
  if (trusted) return
  if (url.protocol !== 'https:')
    throw new OutboundRefusal('scheme', `${url.origin} is not https:// (list it in ${allowList} to allow it)`)
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (isIP(host) && !isPublicAddress(host))
    throw new OutboundRefusal('address', `${url.host} is not a public address (list it in ${allowList} to allow it)`)
}

/**
 * Whether a URL may be called under the policy, resolving its name now: for checking a discovery
 * document's endpoints when it is saved (guardedFetch checks again at every call).
 */
export async function assertOutboundUrl(url: URL, policy: OutboundPolicy): Promise<void> {
  const trusted = policy.trustedOrigins.includes(url.origin)
  assertAllowedUrl(url, trusted, policy.allowList)
  if (trusted || isIP(url.hostname.replace(/^\[|\]$/g, ''))) return
  await new Promise<void>((resolve, reject) =>
    guardedLookup(url.hostname)(url.hostname, { all: true }, (error) =>
      error instanceof OutboundRefusal
        ? reject(error)
        : error
          ? reject(
              new OutboundRefusal(
                'network',
                `${url.hostname} does not resolve (${(error as { code?: string }).code ?? error.message})`,
              ),
            )
          : resolve(),
    ),
  )
}

function readCapped(response: IncomingMessage, maxBytes: number, url: URL): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    response.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        response.destroy()
        reject(new OutboundRefusal('size', `${url.origin} answered more than ${maxBytes} bytes`))
      } else chunks.push(chunk)
    })
    response.on('end', () => resolve(Buffer.concat(chunks)))
    response.on('error', reject)
  })
}

/** One request, no redirects followed: the status, headers and (capped) body. */
function requestOnce(
  url: URL,
  init: { method: string; headers: Headers; body: Body },
  trusted: boolean,
  limits: typeof DEFAULTS,
) {
  return new Promise<{ status: number; headers: Headers; body: Buffer }>((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    const body = init.body == null ? undefined : init.body instanceof Uint8Array ? init.body : String(init.body)
    if (init.body instanceof URLSearchParams && !init.headers.has('content-type'))
      init.headers.set('content-type', 'application/x-www-form-urlencoded')
    const request = send(
      url,
      {
        method: init.method,
        headers: Object.fromEntries(init.headers),
        lookup: trusted ? undefined : guardedLookup(url.hostname),
        signal: AbortSignal.timeout(limits.timeoutMs),
      },
      (response) => {
        readCapped(response, limits.maxBytes, url).then((buffer) => {
          const headers = new Headers()
          for (const [name, value] of Object.entries(response.headers))
            for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value])
              headers.append(name, item)
          resolve({ status: response.statusCode ?? 0, headers, body: buffer })
        }, reject)
      },
    )
    request.on('error', (error: Error & { code?: string }) => {
      if (error instanceof OutboundRefusal) return reject(error)
      if (error.name === 'AbortError' || error.code === 'ABORT_ERR')
        return reject(
          new OutboundRefusal('timeout', `${url.origin} did not answer within ${limits.timeoutMs / 1000} s`),
        )
      reject(new OutboundRefusal('network', `${url.origin} could not be reached (${error.code ?? error.message})`))
    })
    request.end(body)
  })
}

/**
 * fetch for calls to identity providers (discovery, token, JWKS, userinfo) and push services: https and public addresses
 * only unless the origin is trusted, each redirect checked again, a timeout and a size cap on every
 * call. The shape is fetch's, so openid-client can use it as its customFetch.
 */
export async function guardedFetch(input: string | URL, init: RequestInit, policy: OutboundPolicy): Promise<Response> {
  const limits = { ...DEFAULTS, ...policy }
  let url = new URL(input)
  let method = (init.method ?? 'GET').toUpperCase()
  let body = init.body as Body
  const headers = new Headers(init.headers)
  for (let hop = 0; ; hop++) {
    const trusted = policy.trustedOrigins.includes(url.origin)
    assertAllowedUrl(url, trusted, policy.allowList)
    const answer = await requestOnce(url, { method, headers, body }, trusted, limits)
    const location = answer.headers.get('location')
    if (answer.status < 300 || answer.status > 399 || !location || init.redirect === 'manual') {
      const empty = [101, 204, 205, 304].includes(answer.status)
      return new Response(empty ? null : new Uint8Array(answer.body), {
        status: answer.status,
        headers: answer.headers,
      })
    }
    if (hop >= limits.maxRedirects)
      throw new OutboundRefusal('redirects', `${url.origin} redirected more than ${limits.maxRedirects} times`)
    const next = new URL(location, url)
    // A client secret sent as Basic credentials is for the origin it was sent to.
    if (next.origin !== url.origin) headers.delete('authorization')
    url = next
    // As browsers do: a 303, or a 301/302 after a POST, continues as a GET without the body.
    if (answer.status === 303 || ((answer.status === 301 || answer.status === 302) && method === 'POST')) {
      method = 'GET'
      body = undefined
    }
  }
}
