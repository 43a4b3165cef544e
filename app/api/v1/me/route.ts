import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { describeMe } from '@/lib/users/describe-me'
import { meResponse } from '@/lib/users/schemas'

// GET /api/v1/me: the caller, their organizations and how they authenticated (a user, or an API key for its creator)
export const GET = route(
  { summary: 'the caller, their organizations and how they authenticated', allow: ['user', 'api_key'] },
  async ({ principal }) => json(meResponse.parse(describeMe(principal))),
)
