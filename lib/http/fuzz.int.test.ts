/**
 * Attack: malformed input everywhere, as a scanner sends it. Every method of every route module is
 * called with junk in each path parameter, each query field and each body field (NUL, enormous,
 * empty, wrong types, numbers past what a column holds, SQL and path tricks), unknown fields, bodies
 * that are not JSON, cut short or too large, and multipart that ends inside the file; anonymously,
 * with forged credentials, and as an instance admin who owns the org. Nothing may answer 5xx, every
 * refusal is problem+json, and the server still answers afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import * as authJs from '@/app/api/auth/[...nextauth]/route'
import { GET as health } from '@/app/api/health/route'
import { ROUTE_MODULES } from '@/app/api/route-modules'
import * as catchAll from '@/app/api/v1/[...path]/route'
import { GET as meGET } from '@/app/api/v1/me/route'
import { NO_REQUEST, SYSTEM_ACTOR } from '@/lib/audit/types'
import type { RouteSpec } from '@/lib/http/route'
import { putSecret } from '@/lib/secrets/put-secret'
import { callRoute, type RouteHandler } from '@/lib/testing/http'
import { seedOrg, seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const
const NUL = '\u0000'
const HUGE = 'x'.repeat(100_000)

/** Values a field must survive: each either refused (4xx) or handled, never a 500. */
const JUNK_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  99_999_999_999,
  1e308,
  '',
  ' ',
  NUL,
  `a${NUL}b`,
  HUGE,
  '../../etc/passwd',
  "' OR '1'='1' --",
  '<script>alert(1)</script>',
  '🦆'.repeat(50),
  [],
  [NUL],
  {},
  { $ne: null },
]

const JUNK_PARAMS = [
  NUL,
  `org${NUL}`,
  'x'.repeat(5000),
  '..',
  '%2e%2e',
  "1' OR '1'='1",
  crypto.randomUUID(),
  '-1',
  '🦆',
]
const JUNK_QUERY = [NUL, '99999999999', '-5', '1e400', 'abc', 'x'.repeat(5000), '', '[]']

const RAW_BODIES: { raw: string; contentType?: string }[] = [
  { raw: 'null' },
  { raw: '[]' },
  { raw: '"a string"' },
  { raw: '123' },
  { raw: '{' },
  { raw: '{"a":' },
  { raw: '{"a": "\\u0000"}' },
  { raw: `{"${NUL}": 1}` },
  { raw: '{"a":'.repeat(2000) },
  { raw: `{"pad":"${'x'.repeat(1_100_000)}"}` },
  { raw: '{"name":"x"}', contentType: 'text/plain' },
  { raw: 'name=x&email=y', contentType: 'application/x-www-form-urlencoded' },
]

const MULTIPART_BODIES: { raw: string; contentType: string }[] = [
  {
    raw: '--cut\r\nContent-Disposition: form-data; name="file"; filename="half.bin"\r\n\r\nonly the start',
    contentType: 'multipart/form-data; boundary=cut',
  },
  { raw: '--cut\r\nnot a header\r\n\r\n--cut--', contentType: 'multipart/form-data; boundary=cut' },
  { raw: 'no boundary at all', contentType: 'multipart/form-data' },
  { raw: '--other\r\n\r\n--other--', contentType: 'multipart/form-data; boundary=cut' },
  { raw: '', contentType: 'multipart/form-data; boundary=cut' },
]

interface Target {
  label: string
  method: (typeof METHODS)[number]
  handler: RouteHandler
  spec: RouteSpec
}

const shapeOf = (schema: z.ZodType | undefined): Record<string, unknown> =>
  schema instanceof z.ZodObject ? schema.shape : schema instanceof z.ZodPipe ? shapeOf(schema.in as z.ZodType) : {}

function targets(): Target[] {
  const modules = [
    ...ROUTE_MODULES,
    { path: '/api/v1/{path}', module: catchAll as Record<string, unknown> },
    { path: '/api/auth/{nextauth}', module: authJs as Record<string, unknown> },
  ]
  return modules.flatMap(({ path, module }) =>
    METHODS.flatMap((method) => {
      const handler = module[method] as (RouteHandler & { spec?: RouteSpec }) | undefined
      return handler?.spec ? [{ label: `${method} ${path}`, method, handler, spec: handler.spec }] : []
    }),
  )
}

describe('malformed input on every route', () => {
  let t: TestRuntime
  let token: string
  const valid: Record<string, string> = {}
  beforeAll(async () => {
    // No limits and no progressive delay: this is about answers to bad input, not budgets.
    t = await createTestRuntime({ RATE_LIMIT_ENABLED: 'false', GATEHOUSE_INTERNAL_TOKEN: 'i'.repeat(40) })
    const admin = await seedUserWithToken(t.runtime, { isAdmin: true })
    token = admin.token
    const org = await seedOrg(t.runtime, admin.user.id)
    await putSecret(t.runtime.db, t.runtime.masterKey, {
      orgId: org.id,
      name: 'FUZZ_TARGET',
      value: 'v',
      actor: SYSTEM_ACTOR,
      meta: NO_REQUEST,
    })
    Object.assign(valid, {
      org: org.slug,
      org_id: org.id,
      name: 'FUZZ_TARGET',
      id: crypto.randomUUID(),
      user_id: crypto.randomUUID(),
      role_id: crypto.randomUUID(),
      path: 'nothing-here',
      nextauth: 'session',
    })
  }, 60_000)
  afterAll(() => t.cleanup())

  const failures: string[] = []
  let calls = 0

  async function probe(
    target: Target,
    label: string,
    options: Parameters<typeof callRoute>[2] & { query?: Record<string, string> },
  ) {
    calls += 1
    const params = options?.params ?? {}
    const search = options?.query ? `?${new URLSearchParams(options.query)}` : ''
    const path = `${target.label.split(' ')[1].replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(params[name] ?? ''))}${search}`
    const response = await callRoute(target.handler, path, { method: target.method, ...options }).catch(
      (error: Error) => new Response(`threw: ${error.message}`, { status: 599 }),
    )
    const where = `${target.label} ${label}`
    if (response.status >= 500) failures.push(`${where}: ${response.status} ${(await response.text()).slice(0, 200)}`)
    else if (response.status >= 400 && target.spec.summary !== 'Auth.js (sign-in providers, session)') {
      const type = response.headers.get('content-type') ?? ''
      if (!type.startsWith('application/problem+json')) failures.push(`${where}: ${response.status} as ${type}`)
      else if (target.method !== 'HEAD' && !(await response.json()).code)
        failures.push(`${where}: problem without code`)
    }
  }

  function paramsOf(target: Target): Record<string, string> {
    return Object.fromEntries(Object.keys(shapeOf(target.spec.params)).map((name) => [name, valid[name] ?? 'x']))
  }

  /** The body's example, with the fixture's org in place of the example's. */
  function exampleOf(target: Target): Record<string, unknown> {
    const schema = target.spec.body as z.ZodType
    const examples = (z.globalRegistry.get(schema)?.examples ?? []) as Record<string, unknown>[]
    const example = examples[0] ?? {}
    return { ...example, ...('org_id' in example ? { org_id: valid.org_id } : {}) }
  }

  async function fuzz(target: Target, auth: Record<string, string>) {
    const params = paramsOf(target)
    for (const name of Object.keys(params))
      for (const junk of JUNK_PARAMS)
        await probe(target, `param ${name}`, { headers: auth, params: { ...params, [name]: junk } })
    for (const name of Object.keys(shapeOf(target.spec.query)))
      for (const junk of JUNK_QUERY)
        await probe(target, `query ${name}=${junk.slice(0, 20)}`, { headers: auth, params, query: { [name]: junk } })
    if (target.spec.multipart) {
      for (const body of MULTIPART_BODIES)
        await probe(target, `multipart ${body.raw.slice(0, 20)}`, {
          headers: { ...auth, 'content-type': body.contentType },
          params,
          raw: body.raw,
        })
    }
    if (!target.spec.body) return
    for (const body of RAW_BODIES)
      await probe(target, `raw ${body.raw.slice(0, 20)}`, {
        headers: { ...auth, 'content-type': body.contentType ?? 'application/json' },
        params,
        raw: body.raw,
      })
    const example = exampleOf(target)
    await probe(target, 'unknown field', { headers: auth, params, body: { ...example, __proto_field: 1 } })
    const fields = Object.keys(shapeOf(target.spec.body))
    for (const field of fields)
      for (const junk of JUNK_VALUES)
        await probe(target, `body ${field}=${JSON.stringify(junk)?.slice(0, 20)}`, {
          headers: auth,
          params,
          body: { ...example, [field]: junk },
        })
  }

  it('never answers 5xx, always problem+json, and keeps serving', async () => {
    const all = targets()
    // Deleting the fixture org halfway would only hide later routes behind 404s: deletions go last.
    all.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'))
    for (const target of all) {
      await probe(target, 'anonymous', { params: paramsOf(target) })
      await probe(target, 'forged bearer', {
        params: paramsOf(target),
        headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' },
      })
      await probe(target, 'forged cookie', {
        params: paramsOf(target),
        headers: { cookie: 'gatehouse.session=forged; gatehouse-csrf=forged' },
      })
      await fuzz(target, { authorization: `Bearer ${token}` })
    }
    expect(failures).toEqual([])
    expect(calls).toBeGreaterThan(1000)
    expect((await callRoute(health, '/api/health')).status).toBe(200)
    expect((await callRoute(meGET, '/api/v1/me', { token })).status).toBe(200)
  }, 600_000)
})
