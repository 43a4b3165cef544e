import { decodeCursor, pageOf } from '@/lib/http/pagination'
import { json } from '@/lib/http/respond'
import { ORG_PRINCIPALS, route } from '@/lib/http/route'
import { orgPathSchema } from '@/lib/orgs/schemas'
import { findSecrets } from '@/lib/secrets/queries'
import { listSecretsQuerySchema, secretSummaryResponse } from '@/lib/secrets/schemas'

// GET /api/v1/orgs/{org}/secrets: names, versions and who changed them, never values (secret:read)
export const GET = route(
  {
    summary: 'names, versions and who changed them, never values',
    allow: ORG_PRINCIPALS,
    params: orgPathSchema,
    query: listSecretsQuerySchema,
    org: 'secret:read',
  },
  async ({ runtime, access, query }) => {
    const offset = decodeCursor(query.cursor)
    const rows = await findSecrets(runtime.db, access.org.id, { limit: query.limit, offset })
    return json(
      pageOf(
        rows.map((row) => secretSummaryResponse.parse(row)),
        query.limit,
        offset,
      ),
    )
  },
)
