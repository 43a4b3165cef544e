import { auditActorOf } from '@/lib/auth/principal'
import { json, noContent } from '@/lib/http/respond'
import { ORG_PRINCIPALS, route } from '@/lib/http/route'
import { deleteSecret } from '@/lib/secrets/delete-secret'
import { putSecret } from '@/lib/secrets/put-secret'
import { readSecret } from '@/lib/secrets/read-secret'
import {
  getSecretQuerySchema,
  putSecretBodySchema,
  putSecretResponse,
  secretPathSchema,
  secretValueResponse,
} from '@/lib/secrets/schemas'

// PUT /api/v1/orgs/{org}/secrets/{name}: a new version of the value, 201 when the secret is new (secret:write)
export const PUT = route(
  {
    summary: 'a new version of the value, 201 when the secret is new',
    allow: ORG_PRINCIPALS,
    params: secretPathSchema,
    body: putSecretBodySchema,
    org: 'secret:write',
  },
  async ({ runtime, principal, access, params, body, meta }) => {
    const written = await putSecret(runtime.db, runtime.masterKey, {
      orgId: access.org.id,
      name: params.name,
      value: body.value,
      note: body.note,
      actor: auditActorOf(principal),
      meta,
    })
    return json(putSecretResponse.parse(written), { status: written.created ? 201 : 200 })
  },
)

// GET /api/v1/orgs/{org}/secrets/{name}: the newest value, or ?version=N; every read is audited (secret:read)
export const GET = route(
  {
    summary: 'the newest value, or ?version=N; every read is audited',
    allow: ORG_PRINCIPALS,
    params: secretPathSchema,
    query: getSecretQuerySchema,
    org: 'secret:read',
  },
  async ({ runtime, principal, access, params, query, meta }) => {
    const secret = await readSecret(runtime.db, runtime.masterKey, {
      orgId: access.org.id,
      name: params.name,
      version: query.version,
      actor: auditActorOf(principal),
      meta,
    })
    return json(secretValueResponse.parse(secret))
  },
)

// DELETE /api/v1/orgs/{org}/secrets/{name}: the secret and every version of it (secret:delete)
export const DELETE = route(
  {
    summary: 'the secret and every version of it',
    allow: ORG_PRINCIPALS,
    params: secretPathSchema,
    org: 'secret:delete',
  },
  async ({ runtime, principal, access, params, meta }) => {
    await deleteSecret(runtime.db, { orgId: access.org.id, name: params.name, actor: auditActorOf(principal), meta })
    return noContent()
  },
)
