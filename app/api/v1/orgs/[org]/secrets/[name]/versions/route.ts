import { pageOfAll } from '@/lib/http/pagination'
import { json } from '@/lib/http/respond'
import { ORG_PRINCIPALS, route } from '@/lib/http/route'
import { findSecretVersions } from '@/lib/secrets/queries'
import { listSecretsQuerySchema, secretPathSchema, secretVersionResponse } from '@/lib/secrets/schemas'

// GET /api/v1/orgs/{org}/secrets/{name}/versions: every version, newest first, without values (secret:read)
export const GET = route(
  {
    summary: 'every version, newest first, without values',
    allow: ORG_PRINCIPALS,
    params: secretPathSchema,
    query: listSecretsQuerySchema,
    org: 'secret:read',
  },
  async ({ runtime, access, params, query }) => {
    const versions = (await findSecretVersions(runtime.db, access.org.id, params.name)).map((row) =>
      secretVersionResponse.parse(row),
    )
    return json(pageOfAll(versions, query.limit, query.cursor))
  },
)
