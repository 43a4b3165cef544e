import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { orgResponse } from '@/lib/orgs/schemas'
import { primaryOrgBodySchema } from '@/lib/users/admin-schemas'
import { setPrimaryOrg } from '@/lib/users/set-primary-org'

// PUT /api/v1/me/primary-org: choose the organization the console opens with (a member of it)
export const PUT = route(
  { summary: 'choose the organization the console opens with', body: primaryOrgBodySchema },
  async ({ runtime, principal, body }) => {
    const org = await setPrimaryOrg(runtime.db, principal, body.org_id)
    return json({ primary_org_id: org.id, org: orgResponse.parse(org) })
  },
)
