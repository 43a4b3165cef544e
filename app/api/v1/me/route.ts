import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { getMe } from '@/lib/users/get-me'
import { meResponse } from '@/lib/users/schemas'

// GET /api/v1/me: the caller, their organizations and how they authenticated (a user, or an API key for its creator)
export const GET = route({ summary: 'the caller, their organizations and how they authenticated', allow: ['user', 'api_key'] }, async ({ runtime, principal }) => json(meResponse.parse(await getMe(runtime.db, principal))))
