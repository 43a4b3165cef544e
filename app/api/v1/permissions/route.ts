import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { PERMISSION_DESCRIPTIONS, PERMISSIONS } from '@/lib/rbac/permissions'

const permissions = PERMISSIONS.map((name) => ({ name, description: PERMISSION_DESCRIPTIONS[name] }))

// GET /api/v1/permissions: every permission a role can hold (any signed-in user)
export const GET = route({ summary: 'every permission a role can hold' }, async () =>
  json({ items: permissions, next_cursor: null }),
)
