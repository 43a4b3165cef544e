import { requestPasswordReset } from '@/lib/auth/forgot-password'
import { forgotPasswordBodySchema } from '@/lib/auth/mail-link-schemas'
import { accepted } from '@/lib/http/respond'
import { route } from '@/lib/http/route'

// POST /api/v1/auth/password/forgot: mail a password reset link, if an account has the address; the same 202 either way (public)
export const POST = route(
  {
    summary: 'mail a password reset link, if an account has the address; the same 202 either way',
    auth: 'none',
    body: forgotPasswordBodySchema,
  },
  async ({ runtime, body, meta }) => {
    await requestPasswordReset(runtime, { email: body.email, turnstileToken: body.turnstile_token, meta })
    return accepted()
  },
)
