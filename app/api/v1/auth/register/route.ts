import { registerBodySchema, registeredResponse } from '@/lib/auth/schemas'
import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { registerUser } from '@/lib/users/register-user'

// POST /api/v1/auth/register: create an account when ENABLE_REGISTRATION is on (public)
export const POST = route(
  { summary: 'create an account when registration is on', auth: 'none', body: registerBodySchema },
  async ({ runtime, body, meta }) => {
    const user = await registerUser(runtime, {
      email: body.email,
      name: body.name,
      password: body.password,
      turnstileToken: body.turnstile_token,
      meta,
    })
    return json(registeredResponse.parse(user), { status: 201 })
  },
)
