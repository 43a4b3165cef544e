import 'server-only'
import type { NextRequest, NextResponse } from 'next/server'
import type { z } from 'zod'
import { isWellFormedApiKey } from '@/lib/api-keys/key-format'
import type { RequestMeta } from '@/lib/audit/types'
import { authenticateRequest } from '@/lib/auth/authenticate-request'
import type { Principal, PrincipalKind } from '@/lib/auth/principal'
import { AppError, isAppError } from '@/lib/errors'
import { metrics } from '@/lib/metrics/registry'
import { consume, RateLimitedError, type RateLimitState, rateLimitHeaders } from '@/lib/ratelimit/limits'
import {
  type OrgAccess,
  orgAccessOfCredential,
  requireMfaFor,
  requirePermission,
  resolveOrgAccess,
} from '@/lib/rbac/org-access'
import type { Permission } from '@/lib/rbac/permissions'
import { getRuntime, type Runtime } from '@/lib/runtime'
import { assertCsrf, isStateChanging } from './csrf'
import { PROBLEM_CONTENT_TYPE, problemBody, validationError } from './problem'
import { readJsonBody } from './read-body'
import { requestMeta } from './request-meta'
import { API_CSP, HSTS_VALUE, httpsRedirectTarget, wantsHsts } from './security-headers'

type Auth = 'required' | 'optional' | 'none'

export type RouteSpec = RouteOptions<z.ZodType, z.ZodType, z.ZodType, Auth, PrincipalKind>

/** The principal kinds an org-scoped route serves: users, API keys of that org, the internal token. */
export const ORG_PRINCIPALS = ['user', 'api_key', 'internal'] as const

export interface RouteOptions<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  A extends Auth,
  K extends PrincipalKind,
> {
  /** Default 'required': a missing credential answers 401 with WWW-Authenticate. */
  auth?: A
  /** Which kinds of principal may call (403 for the others); default: users only. */
  allow?: readonly K[]
  /**
   * Resolves the `{org}` path parameter for the caller (404 unless a member) and requires this
   * permission (403 without it); 'member' requires membership only.
   */
  org?: Permission | 'member'
  /** Instance administrators only (403 for everyone else). */
  admin?: boolean
  /** One line for the OpenAPI document and the API reference. */
  summary?: string
  params?: P
  query?: Q
  body?: B
  maxBodyBytes?: number
  /** A multipart/form-data body the handler streams itself; described in the OpenAPI document only. */
  multipart?: z.ZodType
}

export interface RouteContext<P, Q, B, A extends Auth, K extends PrincipalKind = 'user'> {
  request: NextRequest
  runtime: Runtime
  principal: A extends 'required' ? Extract<Principal, { type: K }> : Extract<Principal, { type: K }> | null
  /** The caller's access to `{org}`; set when the route declares `org`. */
  access: OrgAccess
  params: P
  query: Q
  body: B
  meta: RequestMeta
}

type Handler<P, Q, B, A extends Auth, K extends PrincipalKind> = (
  context: RouteContext<P, Q, B, A, K>,
) => Promise<Response>
// Next passes `params` only to routes with dynamic segments.
type NextRouteContext = { params?: Promise<Record<string, string | string[]>> }

function problemResponse(error: AppError): NextResponse | Response {
  const headers = new Headers({ 'Content-Type': PROBLEM_CONTENT_TYPE })
  if (error instanceof RateLimitedError) {
    for (const [name, value] of Object.entries(rateLimitHeaders(error.state))) headers.set(name, value)
    headers.set('Retry-After', String(error.retryAfter))
  }
  if (error.status === 401)
    headers.set('WWW-Authenticate', `Bearer error="${error.code === 'token_expired' ? 'invalid_token' : error.code}"`)
  return new Response(JSON.stringify(problemBody(error)), { status: error.status, headers })
}

/** Body errors name the field as sent (`email`); params and query errors are prefixed (`query.limit`). */
function parseWith<T extends z.ZodType>(
  schema: T | undefined,
  input: unknown,
  location?: 'params' | 'query',
): z.infer<T> {
  if (!schema) return undefined as z.infer<T>
  const parsed = schema.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error, location ? [location] : [])
  return parsed.data
}

async function authorizeOrg(
  runtime: Runtime,
  principal: Principal | null,
  params: unknown,
  required: Permission | 'member',
): Promise<OrgAccess> {
  const orgRef = (params as { org?: unknown } | undefined)?.org
  if (!principal || typeof orgRef !== 'string') throw new AppError('not_found', 'No such organization')
  // Users and API keys are decided from what their credential's lookup loaded: no second query.
  const access =
    principal.type === 'internal'
      ? await resolveOrgAccess(runtime.db, principal, orgRef)
      : orgAccessOfCredential(principal, orgRef)
  requireMfaFor(access, principal)
  if (required !== 'member') requirePermission(access, required)
  return access
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

/** A credential that names an API key well-formed enough to be looked up (checksum passes). */
function presentedApiKey(request: NextRequest): boolean {
  const bearer = /^Bearer\s+(\S+)/i.exec(request.headers.get('authorization') ?? '')?.[1]
  const key = request.headers.get('x-api-key')?.trim() ?? bearer
  return key !== undefined && isWellFormedApiKey(key)
}

function secure(
  response: Response,
  runtime: Runtime | undefined,
  request: NextRequest,
  limit?: RateLimitState | null,
): Response {
  if (limit && !response.headers.has('X-RateLimit-Limit'))
    for (const [name, value] of Object.entries(rateLimitHeaders(limit))) response.headers.set(name, value)
  response.headers.set('Content-Security-Policy', API_CSP)
  if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'no-store')
  if (runtime && wantsHsts(runtime.config, request.headers))
    response.headers.set('Strict-Transport-Security', HSTS_VALUE)
  return response
}

/**
 * The one wrapper for every API route handler: authenticate → validate → act, with problem+json
 * for every expected failure and a logged bare 500 for anything else (STYLE.md "A route handler").
 */
export function route<
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  A extends Auth = 'required',
  K extends PrincipalKind = 'user',
>(options: RouteOptions<P, Q, B, A, K>, handler: Handler<z.infer<P>, z.infer<Q>, z.infer<B>, A, K>) {
  const allowed: readonly PrincipalKind[] = options.allow ?? ['user']
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
      const meta = requestMeta(request.headers, runtime.config.trustProxy)
      const limited = request.nextUrl.pathname.startsWith('/api/v1/')
      const byKey = limited && presentedApiKey(request)
      const ipKey = meta.ip ?? 'unknown'
      if (limited && !byKey)
        limit = await consume(runtime, [
          { bucket: 'global', key: ipKey },
          { bucket: 'hourly', key: ipKey },
        ])
      const cookie = (name: string) => request.cookies.get(name)?.value
      const auth = options.auth ?? 'required'
      const principal =
        auth === 'none'
          ? null
          : await authenticateRequest(runtime, {
              authorization: request.headers.get('authorization'),
              apiKey: request.headers.get('x-api-key'),
              cookie,
            }).catch(async (error) => {
              // A key that fails to authenticate costs its sender's address, like any anonymous call.
              if (byKey && runtime) limit = await consume(runtime, [{ bucket: 'global', key: ipKey }])
              throw error
            })
      if (byKey && principal?.type === 'api_key')
        limit = await consume(runtime, [
          { bucket: 'key_minute', key: principal.keyId },
          { bucket: 'key_hour', key: principal.keyId },
        ])
      if (auth === 'required' && !principal)
        throw new AppError('unauthenticated', 'Sign in, or send an access token as "Authorization: Bearer <token>"')
      if (principal && !allowed.includes(principal.type))
        throw new AppError(
          'forbidden',
          `This endpoint does not accept ${principal.type === 'api_key' ? 'API keys' : 'the internal token'}`,
        )
      if (principal?.via === 'session' && isStateChanging(request.method))
        assertCsrf({ headers: request.headers, cookie }, runtime.config.appUrl)
      if (options.admin && !(principal?.type === 'user' && principal.user.isAdmin))
        throw new AppError('forbidden', 'This needs an instance administrator')
      const params = parseWith(options.params, (await context?.params) ?? {}, 'params')
      const access = options.org
        ? await authorizeOrg(runtime, principal, params, options.org)
        : (undefined as unknown as OrgAccess)
      const query = parseWith(options.query, Object.fromEntries(request.nextUrl.searchParams), 'query')
      const rawBody = options.body
        ? await readJsonBody(request, options.maxBodyBytes ?? runtime.config.maxBodyBytes)
        : undefined
      const body = parseWith(options.body, rawBody)
      const response = await handler({
        request,
        runtime,
        principal: principal as RouteContext<never, never, never, A, K>['principal'],
        access,
        params,
        query,
        body,
        meta,
      })
      return secure(response, runtime, request, limit)
    } catch (error) {
      if (isAppError(error)) {
        // A 5xx AppError is our fault (an integrity check failed, a dependency is down): worth a line.
        if (error.status >= 500)
          runtime?.log.error(
            { code: error.code, detail: error.detail, method: request.method, path: request.nextUrl.pathname },
            'request failed on our side',
          )
        return secure(problemResponse(error), runtime, request, limit)
      }
      runtime?.log.error(
        { err: error, method: request.method, path: request.nextUrl.pathname },
        'unhandled error in route handler',
      )
      return secure(
        problemResponse(new AppError('internal', 'Something went wrong on our side')),
        runtime,
        request,
        limit,
      )
    }
  }
}
