import 'server-only'
import type { NextRequest } from 'next/server'
import type { z } from 'zod'
import { isDatabaseUnavailable } from '@/db/client'
import type { RequestMeta } from '@/lib/audit/types'
import { authenticateRequest } from '@/lib/auth/authenticate-request'
import type { Principal, PrincipalKind } from '@/lib/auth/principal'
import { AppError, isAppError } from '@/lib/errors'
import { metrics } from '@/lib/metrics/registry'
import type { RateLimitState } from '@/lib/ratelimit/limits'
import { authorizeOrg, type OrgNeed } from '@/lib/rbac/authorize-org'
import type { OrgAccess } from '@/lib/rbac/org-access'
import { getRuntime, type Runtime } from '@/lib/runtime'
import { assertCsrf, isStateChanging } from './csrf'
import { assertNoNul } from './nul-bytes'
import { problemResponse, validationError } from './problem'
import { readJsonBody } from './read-body'
import { requestMeta } from './request-meta'
import { chargeAddress, chargeKey, presentsApiKey, withRateLimitHeaders } from './route-limits'
import { API_CSP, AUTH_DISABLED_HEADER, HSTS_VALUE, httpsRedirectTarget, wantsHsts } from './security-headers'

type Auth = 'required' | 'optional' | 'none'

export type RouteSpec = RouteOptions<z.ZodType, z.ZodType, z.ZodType, Auth, PrincipalKind, OrgNeed | undefined>

/** The principal kinds an org-scoped route serves: users, API keys of that org, the internal token. */
export const ORG_PRINCIPALS = ['user', 'api_key', 'internal'] as const

export interface RouteOptions<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  A extends Auth,
  K extends PrincipalKind,
  O extends OrgNeed | undefined,
> {
  /** Default 'required': a missing credential answers 401 with WWW-Authenticate. */
  auth?: A
  /** Which kinds of principal may call (403 for the others); default: users only. */
  allow?: readonly K[]
  /**
   * Resolves the `{org}` path parameter through authorizeOrg (404 unless a member, MFA where the
   * org requires it) and requires this permission (403 without it); 'member' requires membership only.
   */
  org?: O
  /**
   * Also serve guests on a GET (an anonymous caller, a signed-in non-member) where ALLOW_GUEST_MODE
   * is on and `{org}` opted in, with the guest role (org:read, file:read). Takes auth: 'optional'.
   */
  guests?: boolean
  /** Instance administrators only (403 for everyone else). */
  admin?: boolean
  /** Liveness probes only: no budget is spent (an orchestrator must never be told 429). */
  unlimited?: boolean
  /** One line for the OpenAPI document and the API reference. */
  summary?: string
  params?: P
  query?: Q
  body?: B
  maxBodyBytes?: number
  /** A multipart/form-data body the handler streams itself; described in the OpenAPI document only. */
  multipart?: z.ZodType
}

type Authenticated<A extends Auth, K extends PrincipalKind> = A extends 'required'
  ? Extract<Principal, { type: K }>
  : Extract<Principal, { type: K }> | null

export type RouteContext<P, Q, B, A extends Auth, K extends PrincipalKind = 'user', O = undefined> = {
  request: NextRequest
  runtime: Runtime
  principal: Authenticated<A, K>
  params: P
  query: Q
  body: B
  meta: RequestMeta
} & (O extends OrgNeed ? { /** The caller's access to `{org}`. */ access: OrgAccess } : unknown)

type Handler<P, Q, B, A extends Auth, K extends PrincipalKind, O> = (
  context: RouteContext<P, Q, B, A, K, O>,
) => Promise<Response>
// Next passes `params` only to routes with dynamic segments.
type NextRouteContext = { params?: Promise<Record<string, string | string[]>> }

/** Body errors name the field as sent (`email`); params and query errors are prefixed (`query.limit`). */
function parseWith<T extends z.ZodType>(
  schema: T | undefined,
  input: unknown,
  location?: 'params' | 'query',
): z.infer<T> {
  if (!schema) return undefined as z.infer<T>
  assertNoNul(input, location)
  const parsed = schema.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error, location ? [location] : [])
  return parsed.data
}

/** `/api/v1/orgs/acme/members` → `/api/v1/orgs/{org}/members`: one time series per route, not per org. */
async function routeLabel(request: NextRequest, context?: NextRouteContext): Promise<string> {
  let path = request.nextUrl.pathname
  const params = (await context?.params) ?? {}
  for (const [name, value] of Object.entries(params)) {
    for (const part of Array.isArray(value) ? value : [value])
      path = path.replace(`/${encodeURIComponent(part)}`, `/{${name}}`)
  }
  return path
}

function observeDuration(request: NextRequest, context: NextRouteContext | undefined, status: number, started: number) {
  void routeLabel(request, context).then((route) =>
    metrics().httpDuration.observe(
      { method: request.method, route, status: String(status) },
      (performance.now() - started) / 1000,
    ),
  )
}

function secure(response: Response, runtime: Runtime | undefined, request: NextRequest): Response {
  response.headers.set('Content-Security-Policy', API_CSP)
  if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'no-store')
  if (runtime && wantsHsts(runtime.config, request.headers))
    response.headers.set('Strict-Transport-Security', HSTS_VALUE)
  if (runtime && !runtime.config.authEnabled) response.headers.set(AUTH_DISABLED_HEADER, 'disabled')
  return response
}

/** An expected failure as problem+json; anything else is logged and answered as a bare 500. */
function failureResponse(error: unknown, runtime: Runtime | undefined, request: NextRequest): Response {
  const where = { method: request.method, path: request.nextUrl.pathname }
  if (!isAppError(error) && isDatabaseUnavailable(error)) {
    runtime?.log.error({ err: error, ...where }, 'the database is not reachable')
    const unavailable = new AppError('unavailable', 'The database is not answering; try again shortly')
    unavailable.headers = { 'Retry-After': '5' }
    return problemResponse(unavailable)
  }
  if (!isAppError(error)) {
    runtime?.log.error({ err: error, ...where }, 'unhandled error in route handler')
    return problemResponse(new AppError('internal', 'Something went wrong on our side'))
  }
  // A 5xx AppError is our fault (an integrity check failed, a dependency is down): worth a line.
  if (error.status >= 500) runtime?.log.error({ code: error.code, detail: error.detail, ...where }, 'request failed')
  return problemResponse(error)
}

function assertAllowed(principal: Principal | null, allowed: readonly PrincipalKind[], admin: boolean | undefined) {
  if (principal && !allowed.includes(principal.type))
    throw new AppError(
      'forbidden',
      `This endpoint does not accept ${principal.type === 'api_key' ? 'API keys' : 'the internal token'}`,
    )
  if (admin && !(principal?.type === 'user' && principal.user.isAdmin))
    throw new AppError('forbidden', 'This needs an instance administrator')
}

/**
 * The one wrapper for every API route handler: rate limit → authenticate → validate → authorize
 * → act, with problem+json for every expected failure and a logged bare 500 for anything else
 * (STYLE.md "A route handler").
 */
export function route<
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  A extends Auth = 'required',
  K extends PrincipalKind = 'user',
  O extends OrgNeed | undefined = undefined,
>(options: RouteOptions<P, Q, B, A, K, O>, handler: Handler<z.infer<P>, z.infer<Q>, z.infer<B>, A, K, O>) {
  const allowed: readonly PrincipalKind[] = options.allow ?? ['user']
  const auth: Auth = options.auth ?? 'required'
  // Otherwise the required credential would turn every guest away before their org is looked at.
  if (options.guests && auth !== 'optional') throw new Error('A route that serves guests takes auth: optional')
  const handlerWithSpec = async (request: NextRequest, context?: NextRouteContext): Promise<Response> => {
    const started = performance.now()
    const response = await handle(request, context)
    observeDuration(request, context, response.status, started)
    return response
  }
  // The OpenAPI document is generated from these very options (lib/openapi).
  return Object.assign(handlerWithSpec, { spec: options as RouteSpec })

  async function handle(request: NextRequest, context?: NextRouteContext): Promise<Response> {
    let runtime: Runtime | undefined
    let limit: RateLimitState | null = null
    try {
      runtime = await getRuntime()
      const redirect = httpsRedirectTarget(runtime.config, request.nextUrl, request.headers)
      if (redirect) return Response.redirect(redirect, 308)
      const meta = requestMeta(request.headers, runtime.config)
      const charge = !options.unlimited
      // A real API key spends its own budget; anything else, a key that fails included, its address's.
      const keyFirst = charge && auth !== 'none' && presentsApiKey(request.headers)
      if (charge && !keyFirst) limit = await chargeAddress(runtime, meta)
      const principal = await authenticate(runtime, request).catch(async (error) => {
        if (keyFirst && runtime) limit = await chargeAddress(runtime, meta)
        throw error
      })
      if (keyFirst)
        limit =
          principal?.type === 'api_key' ? await chargeKey(runtime, principal.keyId) : await chargeAddress(runtime, meta)
      if (auth === 'required' && !principal)
        throw new AppError('unauthenticated', 'Sign in, or send an access token as "Authorization: Bearer <token>"')
      assertAllowed(principal, allowed, options.admin)
      if (principal?.via === 'session' && isStateChanging(request.method))
        assertCsrf({ headers: request.headers, cookie: (name) => request.cookies.get(name)?.value }, runtime.config)
      const params = parseWith(options.params, (await context?.params) ?? {}, 'params')
      // Guests only read: a state-changing method never gets the guest role, whatever the route says.
      const guests = options.guests && !isStateChanging(request.method)
      const access = options.org ? await authorizeRouteOrg(runtime, principal, params, options.org, guests) : undefined
      const query = parseWith(options.query, Object.fromEntries(request.nextUrl.searchParams), 'query')
      const rawBody = options.body
        ? await readJsonBody(request, options.maxBodyBytes ?? runtime.config.maxBodyBytes)
        : undefined
      const body = parseWith(options.body, rawBody)
      const contextForHandler = { request, runtime, principal, access, params, query, body, meta }
      // The checks above are what the context type promises: the principal kind, access when org is declared.
      const response = await handler(
        contextForHandler as unknown as RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>, A, K, O>,
      )
      return withRateLimitHeaders(secure(response, runtime, request), limit)
    } catch (error) {
      return withRateLimitHeaders(secure(failureResponse(error, runtime, request), runtime, request), limit)
    }
  }

  function authenticate(runtime: Runtime, request: NextRequest): Promise<Principal | null> {
    if (auth === 'none') return Promise.resolve(null)
    return authenticateRequest(runtime, {
      authorization: request.headers.get('authorization'),
      apiKey: request.headers.get('x-api-key'),
      cookie: (name) => request.cookies.get(name)?.value,
      host: request.headers.get('host') ?? request.nextUrl.host,
    })
  }
}

/**
 * `{org}` of the path, decided from what this request's credential loaded (no second query for a
 * member). Without a credential it is 401 unless the route serves guests and the org takes them.
 */
function authorizeRouteOrg(
  runtime: Runtime,
  principal: Principal | null,
  params: unknown,
  need: OrgNeed,
  guests: boolean | undefined,
) {
  const orgRef = (params as { org?: unknown } | undefined)?.org
  if (typeof orgRef !== 'string') throw new AppError('not_found', 'No such organization')
  return authorizeOrg(runtime.db, principal, orgRef, need, {
    fromCredential: true,
    ...(guests ? { guests: runtime.config } : {}),
  })
}
