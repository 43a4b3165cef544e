import { auditActorOf } from '@/lib/auth/principal'
import { json, noContent } from '@/lib/http/respond'
import { ORG_PRINCIPALS, route } from '@/lib/http/route'
import { changeMemberRole } from '@/lib/members/change-member-role'
import { removeMember } from '@/lib/members/remove-member'
import { memberPathSchema, memberResponse, updateMemberBodySchema } from '@/lib/members/schemas'

// PATCH /api/v1/orgs/{org}/members/{user_id}: change a member's role (member:write)
export const PATCH = route(
  {
    summary: "change a member's role",
    allow: ORG_PRINCIPALS,
    params: memberPathSchema,
    body: updateMemberBodySchema,
    org: 'member:write',
  },
  async ({ runtime, principal, access, params, body, meta }) => {
    const member = await changeMemberRole(runtime.db, {
      access,
      userId: params.user_id,
      roleName: body.role,
      actor: auditActorOf(principal),
      meta,
    })
    return json(memberResponse.parse(member))
  },
)

// DELETE /api/v1/orgs/{org}/members/{user_id}: remove a member (member:write), or leave (a signed-in member)
export const DELETE = route(
  {
    summary: 'remove a member (member:write), or leave',
    allow: ORG_PRINCIPALS,
    params: memberPathSchema,
    org: 'member',
  },
  async ({ runtime, principal, access, params, meta }) => {
    await removeMember(runtime.db, {
      access,
      userId: params.user_id,
      // Only a user leaves: an API key acting for its creator needs member:write like anyone else.
      leaverId: principal.type === 'user' ? principal.user.id : null,
      actor: auditActorOf(principal),
      meta,
    })
    return noContent()
  },
)
