import { auditActorOf } from '@/lib/auth/principal'
import { json, noContent } from '@/lib/http/respond'
import { ORG_PRINCIPALS, route } from '@/lib/http/route'
import { deleteRole } from '@/lib/roles/delete-role'
import { updateRole } from '@/lib/roles/save-role'
import { rolePathSchema, roleResponse, updateRoleBodySchema } from '@/lib/roles/schemas'

// PATCH /api/v1/orgs/{org}/roles/{role_id}: rename a custom role or change its permissions (role:write)
export const PATCH = route(
  {
    summary: 'rename a custom role or change its permissions',
    allow: ORG_PRINCIPALS,
    params: rolePathSchema,
    body: updateRoleBodySchema,
    org: 'role:write',
  },
  async ({ runtime, principal, access, params, body, meta }) => {
    const role = await updateRole(runtime.db, {
      access,
      roleId: params.role_id,
      name: body.name,
      permissions: body.permissions,
      actor: auditActorOf(principal),
      meta,
    })
    return json(roleResponse.parse(role))
  },
)

// DELETE /api/v1/orgs/{org}/roles/{role_id}: delete a custom role nobody holds (role:write)
export const DELETE = route(
  { summary: 'delete a custom role nobody holds', allow: ORG_PRINCIPALS, params: rolePathSchema, org: 'role:write' },
  async ({ runtime, principal, access, params, meta }) => {
    await deleteRole(runtime.db, { access, roleId: params.role_id, actor: auditActorOf(principal), meta })
    return noContent()
  },
)
