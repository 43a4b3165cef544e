import { signCheckpoint } from '@/lib/audit/checkpoint'
import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'

// GET /api/v1/admin/audit/checkpoint: the chain head signed with the instance's signing key, to keep outside the database (instance admins)
export const GET = route(
  { summary: "the chain head signed with the instance's signing key, to keep outside the database", admin: true },
  async ({ runtime }) => json(await signCheckpoint(runtime)),
)
