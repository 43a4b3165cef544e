import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { buildOpenApiDocument } from '@/lib/openapi/document'
import { ROUTE_MODULES } from '../../route-modules'

let document: ReturnType<typeof buildOpenApiDocument> | undefined

// GET /api/v1/openapi.json: the OpenAPI 3.1 document of this API (public)
export const GET = route({ summary: 'this document', auth: 'none' }, async ({ runtime }) => {
  document ??= buildOpenApiDocument(runtime.config.appUrl, ROUTE_MODULES)
  return json(document, { headers: { 'Cache-Control': 'public, max-age=300' } })
})
