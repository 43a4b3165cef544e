import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import openapiTS, { astToString } from 'openapi-typescript'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { ROUTE_MODULES } from '@/app/api/route-modules'
import type { RouteSpec } from '@/lib/http/route'
import { buildOpenApiDocument } from './document'

const doc = buildOpenApiDocument('http://localhost:3000', ROUTE_MODULES)

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry)
    return statSync(path).isDirectory() ? routeFiles(path) : entry === 'route.ts' ? [path] : []
  })
}

/** app/api/v1/orgs/[org]/route.ts → /api/v1/orgs/{org}; app/api/auth/[...nextauth] → /api/auth/{nextauth} */
function publicPath(file: string): string {
  return `/${relative(join(process.cwd(), 'app'), file)}`
    .replace(/\/route\.ts$/, '')
    .replace(/\[\.\.\.([^\]]+)\]/g, '{$1}')
    .replace(/\[([^\]]+)\]/g, '{$1}')
}

describe('OpenAPI document', () => {
  it('lists every method of every route in the app', () => {
    // The catch-all answers 404 for paths that are not in the API: it is not an endpoint to document.
    const endpoints = routeFiles(join(process.cwd(), 'app')).filter((file) => !file.includes('/api/v1/[...path]/'))
    const inApp = endpoints.flatMap((file) => {
      const source = readFileSync(file, 'utf8')
      const methods = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((match) => match[1])
      const reExported = /export const \{ (GET), (POST) \}/.exec(source)
      return [...methods, ...(reExported ? [reExported[1], reExported[2]] : [])].map(
        (method) => `${method} ${publicPath(file)}`,
      )
    })
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    )
    expect(documented.sort()).toEqual(inApp.sort())
  })

  it('gives every request body an example that the handler’s own schema accepts', () => {
    let checked = 0
    for (const { path, module } of ROUTE_MODULES) {
      for (const [method, handler] of Object.entries(module)) {
        const body = (handler as { spec?: RouteSpec }).spec?.body as z.ZodType | undefined
        if (!body) continue
        const operation = doc.paths[path][method.toLowerCase()] as {
          requestBody: { content: { 'application/json': { schema: { examples?: unknown[] } } } }
        }
        const examples = operation.requestBody.content['application/json'].schema.examples ?? []
        expect(examples.length, `${method} ${path} has an example`).toBeGreaterThan(0)
        for (const example of examples)
          expect(body.safeParse(example).success, `${method} ${path} example validates`).toBe(true)
        checked++
      }
    }
    expect(checked).toBeGreaterThanOrEqual(13)
  })

  it('has unique operation ids, a permission on org routes, and problem+json errors', () => {
    const operations = Object.values(doc.paths).flatMap((byMethod) => Object.values(byMethod)) as {
      operationId: string
      responses: Record<string, unknown>
    }[]
    const ids = operations.map((operation) => operation.operationId)
    expect(new Set(ids).size).toBe(ids.length)
    expect(
      (doc.paths['/api/v1/orgs/{org}/members'] as Record<string, { 'x-permission'?: string }>).post['x-permission'],
    ).toBe('member:write')
    expect(
      (doc.paths['/api/v1/auth/token'] as Record<string, { responses: Record<string, unknown> }>).post.responses['429'],
    ).toBeDefined()
  })

  it('describes guest mode: the guest routes also take no credential, and PATCH /orgs/{org} takes guest_access', () => {
    type Operation = {
      security: Record<string, unknown>[]
      'x-guests'?: string
      requestBody?: { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } }
    }
    const operation = (path: string, method: string) => (doc.paths[path] as Record<string, Operation>)[method]
    const guestRoutes = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod as Record<string, Operation>)
        .filter(([, op]) => op.security?.some((requirement) => Object.keys(requirement).length === 0))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    )
    // Routes without any authentication (auth: 'none') have an empty list, not an empty requirement.
    expect(guestRoutes.sort()).toEqual(['GET /api/v1/orgs/{org}', 'GET /api/v1/orgs/{org}/files'])
    expect(operation('/api/v1/orgs/{org}/files', 'get')['x-guests']).toBeDefined()
    const patch = operation('/api/v1/orgs/{org}', 'patch')
    expect(patch.requestBody?.content['application/json'].schema.properties.guest_access).toMatchObject({
      type: 'boolean',
    })
  })

  it('imports cleanly into a client generator (openapi-typescript)', async () => {
    const types = astToString(await openapiTS(doc as never))
    expect(types).toContain('"/api/v1/orgs/{org}/members"')
    expect(types).toContain('postOrgsOrgMembers')
  })
})
