import { createApiKey } from '@/lib/api-keys/create-api-key'
import { findVisibleApiKeys } from '@/lib/api-keys/queries'
import {
  apiKeyResponse,
  createApiKeyBodySchema,
  createdApiKeyResponse,
  listApiKeysQuerySchema,
} from '@/lib/api-keys/schemas'
import { auditActorOf } from '@/lib/auth/principal'
import { pageOfAll } from '@/lib/http/pagination'
import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { authorizeOrg } from '@/lib/rbac/authorize-org'

// GET /api/v1/api-keys?org_id=: keys of the orgs where the caller holds apikey:read (signed-in users)
export const GET = route(
  { summary: 'keys of the orgs where the caller holds apikey:read', query: listApiKeysQuerySchema },
  async ({ runtime, principal, query }) => {
    // A named org is authorized like any other (404 foreign, 403 without apikey:read or a required second factor).
    const org = query.org_id
      ? (await authorizeOrg(runtime.db, principal, query.org_id, 'apikey:read', { fromCredential: true })).org
      : undefined
    const keys = (await findVisibleApiKeys(runtime.db, principal.user, org?.id)).map((key) => apiKeyResponse.parse(key))
    return json(pageOfAll(keys, query.limit, query.cursor))
  },
)

// POST /api/v1/api-keys: create a key for one org with scopes the caller holds there (apikey:write)
export const POST = route(
  { summary: 'create a key for one org with scopes the caller holds there', body: createApiKeyBodySchema },
  async ({ runtime, principal, body, meta }) => {
    const access = await authorizeOrg(runtime.db, principal, body.org_id, 'apikey:write', { fromCredential: true })
    const key = await createApiKey(runtime, {
      access,
      user: principal.user,
      name: body.name,
      scopes: body.scopes,
      expiresAt: body.expires_at ?? null,
      actor: auditActorOf(principal),
      meta,
    })
    return json(createdApiKeyResponse.parse(key), { status: 201 })
  },
)
