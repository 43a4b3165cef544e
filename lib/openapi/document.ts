import { z } from 'zod'
import type { RouteSpec } from '@/lib/http/route'

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
// Checks its own credential (METRICS_TOKEN or an admin) instead of the wrapper's.
const METRICS_PATH = '/api/metrics'

type JsonSchema = Record<string, unknown>

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of what a client sends. */
function inputSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema
  // Zod drops examples from input schemas that transform; ours are request bodies, so keep them.
  const examples = z.globalRegistry.get(schema)?.examples
  return examples ? { ...json, examples } : json
}

function parameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!(schema instanceof z.ZodObject)) return []
  const json = inputSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] }
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    ...(name === 'org' ? { description: "The organization's id or slug" } : {}),
    schema: property,
  }))
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
})

function responses(spec: RouteSpec, path: string) {
  const all: Record<string, unknown> = { '2XX': { description: 'Success' } }
  if ((spec.auth ?? 'required') === 'required') all['401'] = problem('Missing, invalid or expired credential')
  if (spec.guests) all['401'] = problem('No credential, and the org does not take guests (or ALLOW_GUEST_MODE is off)')
  if (spec.org || spec.admin || (spec.auth ?? 'required') !== 'none')
    all['403'] = problem('Not allowed for this caller')
  if (spec.org) all['404'] = problem('No such organization (or not yours)')
  if (spec.body || spec.query || spec.params || spec.multipart) all['422'] = problem('Validation failed; see errors')
  if (spec.multipart) all['413'] = problem('Larger than MAX_UPLOAD_BYTES')
  if (path.startsWith('/api/v1/')) all['429'] = problem('Rate limited; see Retry-After')
  return all
}

function security(spec: RouteSpec) {
  if ((spec.auth ?? 'required') === 'none') return []
  const allowed = spec.allow ?? ['user']
  return [
    ...(allowed.includes('user') ? [{ bearerAuth: [] }, { sessionCookie: [] }] : []),
    ...(allowed.includes('api_key') ? [{ apiKeyHeader: [] }] : []),
    // An empty requirement: guests call without any credential.
    ...(spec.guests ? [{}] : []),
  ]
}

function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/(api\/)?(v1\/)?/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
  return method.toLowerCase() + words.map((word) => word[0].toUpperCase() + word.slice(1)).join('')
}

function tagOf(path: string): string {
  const segment = path.replace(/^\/api\/v1\//, '').split('/')[0]
  if (path.startsWith('/api/v1/orgs/{org}/')) return path.split('/')[5]
  return path.startsWith('/api/v1/') ? segment : 'operations'
}

/** The OpenAPI 3.1 document, built from the options every route handler runs with. */
/** A route module served through route(), by its public path (app/api/route-modules.ts lists them all). */
export interface RouteModule {
  path: string
  module: Record<string, unknown>
}

export function buildOpenApiDocument(appUrl: string, routeModules: readonly RouteModule[]) {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const { path, module } of routeModules) {
    for (const method of METHODS) {
      const handler = module[method] as { spec?: RouteSpec } | undefined
      if (!handler?.spec) continue
      const spec = handler.spec
      paths[path] ??= {}
      paths[path][method.toLowerCase()] = {
        operationId: operationId(method, path),
        summary: spec.summary,
        tags: [tagOf(path)],
        ...(spec.org && spec.org !== 'member' ? { 'x-permission': spec.org } : {}),
        ...(spec.guests ? { 'x-guests': 'anonymous callers with the guest role where the org opted in' } : {}),
        parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')],
        ...(spec.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: inputSchema(spec.body) } } } }
          : {}),
        ...(spec.multipart
          ? {
              requestBody: {
                required: true,
                content: { 'multipart/form-data': { schema: inputSchema(spec.multipart) } },
              },
            }
          : {}),
        responses:
          path === METRICS_PATH
            ? { '200': { description: 'Prometheus text' }, '401': problem('Needs METRICS_TOKEN or an admin') }
            : responses(spec, path),
        security: path === METRICS_PATH ? [{ bearerAuth: [] }, { sessionCookie: [] }] : security(spec),
      }
    }
  }
  paths['/api/v1/openapi.json'] = {
    get: {
      operationId: 'getOpenapiJson',
      summary: 'this document',
      tags: ['operations'],
      parameters: [],
      responses: { '200': { description: 'OpenAPI 3.1' } },
      security: [],
    },
  }
  paths['/api/auth/{nextauth}'] = Object.fromEntries(
    ['get', 'post'].map((method) => [
      method,
      {
        operationId: `${method}AuthJs`,
        summary: 'Auth.js endpoints for OIDC single sign-on (browser redirects, not for automation)',
        tags: ['operations'],
        parameters: [{ name: 'nextauth', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '2XX': { description: 'Auth.js' } },
        security: [],
      },
    ]),
  )
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gatehouse API',
      version: '1',
      description: 'Identity, access and secrets. Errors are application/problem+json with a stable `code`.',
    },
    servers: [{ url: appUrl }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'An access token from POST /api/v1/auth/token, or a gk_ API key',
        },
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'gatehouse.session',
          description: 'Browser session; writes also need X-CSRF-Token',
        },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail', 'code'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: { path: { type: 'string' }, message: { type: 'string' } },
                required: ['path', 'message'],
              },
            },
          },
        },
      },
    },
  }
}
