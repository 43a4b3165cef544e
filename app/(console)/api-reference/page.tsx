import type { Metadata } from 'next'
import { ROUTE_MODULES } from '@/app/api/route-modules'
import { PageHeader } from '@/components/console/page-header'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card'
import { requireUser } from '@/lib/auth/require'
import { buildOpenApiDocument } from '@/lib/openapi/document'
import { getRuntime } from '@/lib/runtime'

export const metadata: Metadata = { title: 'API reference · Gatehouse' }

interface BodySchema {
  properties?: Record<string, { type?: string }>
  required?: string[]
  examples?: unknown[]
}

interface Operation {
  summary?: string
  tags: string[]
  'x-permission'?: string
  parameters: { name: string; in: string; required: boolean }[]
  /** JSON for most bodies; multipart/form-data for the file upload. */
  requestBody?: { content: Record<string, { schema: BodySchema }> }
  security: unknown[]
}

const METHOD_STYLE: Record<string, string> = {
  get: 'bg-sky-600 text-white',
  post: 'bg-emerald-600 text-white',
  put: 'bg-amber-600 text-white',
  patch: 'bg-amber-600 text-white',
  delete: 'bg-red-600 text-white',
}

export default async function ApiReferencePage() {
  await requireUser()
  const runtime = await getRuntime()
  const doc = buildOpenApiDocument(runtime.config.appUrl, ROUTE_MODULES)
  const byTag = new Map<string, { method: string; path: string; operation: Operation }[]>()
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods as Record<string, Operation>)) {
      const tag = operation.tags[0]
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, operation }])
    }
  }
  return (
    <div className="grid gap-6">
      <PageHeader
        title="API reference"
        description="Every endpoint, generated from the schemas the server validates with. Errors are application/problem+json with a stable code."
      >
        <Button asChild variant="outline">
          <a href="/api/v1/openapi.json">OpenAPI 3.1 document</a>
        </Button>
      </PageHeader>
      {[...byTag].map(([tag, operations]) => (
        <Card key={tag} className="gap-4">
          <CardHeader>
            <CardTitle>
              <h2 className="capitalize">{tag.replace(/-/g, ' ')}</h2>
            </CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            {operations.map(({ method, path, operation }) => {
              const [contentType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? []
              const body = media?.schema
              return (
                <section
                  key={`${method} ${path}`}
                  className="grid gap-2 border-t pt-4 first:border-0 first:pt-0"
                  aria-label={`${method.toUpperCase()} ${path}`}
                >
                  <div className="flex flex-wrap items-center gap-2">
                    <span
                      className={`rounded px-2 py-0.5 font-mono text-xs font-semibold uppercase ${METHOD_STYLE[method] ?? ''}`}
                    >
                      {method}
                    </span>
                    <code className="font-mono text-sm break-all">{path}</code>
                    {operation['x-permission'] && (
                      <Badge variant="outline" className="font-mono">
                        {operation['x-permission']}
                      </Badge>
                    )}
                    {operation.security.length === 0 && <Badge variant="secondary">public</Badge>}
                  </div>
                  {operation.summary && (
                    <p className="text-muted-foreground text-sm first-letter:uppercase">{operation.summary}.</p>
                  )}
                  {body?.properties && (
                    <p className="text-sm">
                      <span className="text-muted-foreground">
                        Body{contentType === 'application/json' ? '' : ` (${contentType})`}:{' '}
                      </span>
                      {Object.entries(body.properties).map(([name, property], index) => (
                        <span key={name}>
                          {index > 0 && ', '}
                          <code className="font-mono text-xs">{name}</code>
                          {!(body.required ?? []).includes(name) && <span className="text-muted-foreground">?</span>}
                          {property.type && <span className="text-muted-foreground text-xs"> ({property.type})</span>}
                        </span>
                      ))}
                    </p>
                  )}
                  {body?.examples?.[0] !== undefined && (
                    <pre className="bg-muted overflow-x-auto rounded-md p-3 font-mono text-xs">
                      {JSON.stringify(body.examples[0], null, 2)}
                    </pre>
                  )}
                </section>
              )
            })}
          </CardContent>
        </Card>
      ))}
    </div>
  )
}
