import { auditActorOf } from '@/lib/auth/principal'
import { listQuerySchema } from '@/lib/http/list-query'
import { pageOfAll } from '@/lib/http/pagination'
import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { createOrgForUser } from '@/lib/orgs/create-org'
import { createOrgBodySchema, orgResponse, orgSummaryResponse } from '@/lib/orgs/schemas'

// GET /api/v1/orgs: the caller's organizations with their role in each (any signed-in user)
export const GET = route(
  { summary: "the caller's organizations with their role in each", query: listQuerySchema },
  async ({ principal, query }) => {
    const orgs = principal.memberships.map(({ org, role }) => orgSummaryResponse.parse({ ...org, role: role.name }))
    return json(pageOfAll(orgs, query.limit, query.cursor))
  },
)

// POST /api/v1/orgs: create an organization; the caller becomes its owner (any signed-in user)
export const POST = route(
  { summary: 'create an organization; the caller becomes its owner', body: createOrgBodySchema },
  async ({ runtime, principal, body, meta }) => {
    const org = await createOrgForUser(runtime.db, {
      name: body.name,
      slug: body.slug,
      userId: principal.user.id,
      actor: auditActorOf(principal),
      meta,
    })
    return json(orgResponse.parse(org), { status: 201 })
  },
)
