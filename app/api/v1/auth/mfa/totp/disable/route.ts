import { disableTotpBodySchema } from '@/lib/auth/mfa/schemas'
import { disableTotp } from '@/lib/auth/mfa/totp-enrolment'
import { signInOf } from '@/lib/auth/principal'
import { noContent } from '@/lib/http/respond'
import { route } from '@/lib/http/route'

// POST /api/v1/auth/mfa/totp/disable: turn two-factor sign-in off, with the password and a current code (any signed-in user)
export const POST = route(
  { summary: 'turn two-factor sign-in off, with the password and a current code', body: disableTotpBodySchema },
  async ({ runtime, principal, body, meta }) => {
    await disableTotp(runtime, {
      user: principal.user,
      password: body.password,
      code: body.code,
      meta,
      signIn: signInOf(principal),
    })
    return noContent()
  },
)
