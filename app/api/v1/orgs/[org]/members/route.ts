import { auditActorOf } from '@/lib/auth/principal'
import { listQuerySchema } from '@/lib/http/list-query'
import { pageOfAll } from '@/lib/http/pagination'
import { json } from '@/lib/http/respond'
import { ORG_PRINCIPALS, route } from '@/lib/http/route'
import { addMember } from '@/lib/members/add-member'
import { findMembers } from '@/lib/members/queries'
import { addMemberBodySchema, memberResponse } from '@/lib/members/schemas'
import { orgPathSchema } from '@/lib/orgs/schemas'

// GET /api/v1/orgs/{org}/members: members and their roles (member:read)
export const GET = route(
  {
    summary: 'members and their roles',
    allow: ORG_PRINCIPALS,
    params: orgPathSchema,
    query: listQuerySchema,
    org: 'member:read',
  },
  async ({ runtime, access, query }) => {
    const members = (await findMembers(runtime.db, access.org.id)).map((member) => memberResponse.parse(member))
    return json(pageOfAll(members, query.limit, query.cursor))
  },
)

// POST /api/v1/orgs/{org}/members: add an existing user with a role (member:write)
export const POST = route(
  {
    summary: 'add an existing user with a role',
    allow: ORG_PRINCIPALS,
    params: orgPathSchema,
    body: addMemberBodySchema,
    org: 'member:write',
  },
  async ({ runtime, principal, access, body, meta }) => {
    const member = await addMember(runtime, {
      access,
      email: body.email,
      roleName: body.role,
      actor: auditActorOf(principal),
      meta,
    })
    return json(memberResponse.parse(member), { status: 201 })
  },
)
