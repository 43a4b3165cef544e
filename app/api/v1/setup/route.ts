import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { createFirstAdmin } from '@/lib/setup/create-first-admin'
import { setupBodySchema } from '@/lib/setup/schemas'
import { userResponse } from '@/lib/users/schemas'

// POST /api/v1/setup: claim a fresh instance with the setup token from the log (public, once)
export const POST = route(
  { summary: 'claim a fresh instance with the setup token from the log', auth: 'none', body: setupBodySchema },
  async ({ runtime, body, meta }) => {
    const user = await createFirstAdmin({
      runtime,
      email: body.email,
      name: body.name,
      password: body.password,
      setupToken: body.setup_token,
      meta,
    })
    return json({ user: userResponse.parse(user) }, { status: 201 })
  },
)
