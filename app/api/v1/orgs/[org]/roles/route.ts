import { auditActorOf } from '@/lib/auth/principal'
import { listQuerySchema } from '@/lib/http/list-query'
import { pageOfAll } from '@/lib/http/pagination'
import { json } from '@/lib/http/respond'
import { ORG_PRINCIPALS, route } from '@/lib/http/route'
import { orgPathSchema } from '@/lib/orgs/schemas'
import { findRoles } from '@/lib/roles/queries'
import { createRole } from '@/lib/roles/save-role'
import { createRoleBodySchema, roleResponse } from '@/lib/roles/schemas'

// GET /api/v1/orgs/{org}/roles: built-in and custom roles with their permissions (role:read)
export const GET = route(
  {
    summary: 'built-in and custom roles with their permissions',
    allow: ORG_PRINCIPALS,
    params: orgPathSchema,
    query: listQuerySchema,
    org: 'role:read',
  },
  async ({ runtime, access, query }) => {
    const roles = (await findRoles(runtime.db, access.org.id)).map((role) => roleResponse.parse(role))
    return json(pageOfAll(roles, query.limit, query.cursor))
  },
)

// POST /api/v1/orgs/{org}/roles: create a custom role (role:write)
export const POST = route(
  {
    summary: 'create a custom role',
    allow: ORG_PRINCIPALS,
    params: orgPathSchema,
    body: createRoleBodySchema,
    org: 'role:write',
  },
  async ({ runtime, principal, access, body, meta }) => {
    const role = await createRole(runtime.db, {
      access,
      name: body.name,
      permissions: body.permissions,
      actor: auditActorOf(principal),
      meta,
    })
    return json(roleResponse.parse(role), { status: 201 })
  },
)
