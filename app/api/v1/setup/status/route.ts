import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { needsSetup } from '@/lib/setup/needs-setup'
import { setupStatusResponse } from '@/lib/setup/schemas'

// GET /api/v1/setup/status: whether the instance still waits for its first admin (public)
export const GET = route(
  { summary: 'whether the instance still waits for its first admin', auth: 'none' },
  async ({ runtime }) => json(setupStatusResponse.parse({ needs_setup: await needsSetup(runtime.db) })),
)
