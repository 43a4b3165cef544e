import { auditActorOf } from '@/lib/auth/principal'
import { json, noContent } from '@/lib/http/respond'
import { ORG_PRINCIPALS, route } from '@/lib/http/route'
import { deleteOrg } from '@/lib/orgs/delete-org'
import { orgPathSchema, orgResponse, updateOrgBodySchema } from '@/lib/orgs/schemas'
import { updateOrg } from '@/lib/orgs/update-org'

// GET /api/v1/orgs/{org}: the organization (org:read; guests too where it opted in)
export const GET = route(
  {
    summary: 'the organization (guests too, where it opted in)',
    auth: 'optional',
    guests: true,
    allow: ORG_PRINCIPALS,
    params: orgPathSchema,
    org: 'org:read',
  },
  async ({ access }) => json(orgResponse.parse(access.org)),
)

// PATCH /api/v1/orgs/{org}: rename, require two-factor sign-in of members (org:write), or switch guest access (org:admin)
export const PATCH = route(
  {
    summary: 'rename, require two-factor sign-in of members (org:write), or switch guest access (org:admin)',
    allow: ORG_PRINCIPALS,
    params: orgPathSchema,
    body: updateOrgBodySchema,
    org: 'org:write',
  },
  async ({ runtime, principal, access, body, meta }) => {
    const org = await updateOrg(runtime.db, {
      access,
      input: { name: body.name, requireMfa: body.require_mfa, guestAccess: body.guest_access },
      actor: auditActorOf(principal),
      actorHasMfa: principal.type === 'internal' || principal.user.mfaEnabled,
      allowGuestMode: runtime.config.allowGuestMode,
      meta,
    })
    return json(orgResponse.parse(org))
  },
)

// DELETE /api/v1/orgs/{org}: delete the organization and everything in it (org:admin)
export const DELETE = route(
  {
    summary: 'delete the organization and everything in it',
    allow: ORG_PRINCIPALS,
    params: orgPathSchema,
    org: 'org:admin',
  },
  async ({ runtime, principal, access, meta }) => {
    await deleteOrg(runtime, { access, actor: auditActorOf(principal), meta })
    return noContent()
  },
)
