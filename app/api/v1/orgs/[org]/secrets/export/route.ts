import { auditActorOf } from '@/lib/auth/principal'
import { ORG_PRINCIPALS, route } from '@/lib/http/route'
import { orgPathSchema } from '@/lib/orgs/schemas'
import { exportSecrets } from '@/lib/secrets/export-secrets'
import { exportQuerySchema } from '@/lib/secrets/schemas'

// GET /api/v1/orgs/{org}/secrets/export: every newest value as dotenv (NAME="value", escaped) or a JSON object, audited (secret:read)
export const GET = route(
  {
    summary: 'every newest value as dotenv (NAME="value", escaped) or a JSON object, audited',
    allow: ORG_PRINCIPALS,
    params: orgPathSchema,
    query: exportQuerySchema,
    org: 'secret:read',
  },
  async ({ runtime, principal, access, query, meta }) => {
    const body = await exportSecrets(runtime.db, runtime.masterKey, {
      orgId: access.org.id,
      format: query.format,
      actor: auditActorOf(principal),
      meta,
    })
    return new Response(body, {
      headers: { 'Content-Type': query.format === 'json' ? 'application/json' : 'text/plain; charset=utf-8' },
    })
  },
)
