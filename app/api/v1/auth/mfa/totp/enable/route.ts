import { enableTotpBodySchema, recoveryCodesResponse } from '@/lib/auth/mfa/schemas'
import { enableTotp } from '@/lib/auth/mfa/totp-enrolment'
import { signInOf } from '@/lib/auth/principal'
import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'

// POST /api/v1/auth/mfa/totp/enable: confirm the app with a code and the password; answers the ten recovery codes, once (any signed-in user)
export const POST = route(
  { summary: 'confirm the app with a code; answers the ten recovery codes, once', body: enableTotpBodySchema },
  async ({ runtime, principal, body, meta }) =>
    json(
      recoveryCodesResponse.parse({
        recovery_codes: await enableTotp(runtime, {
          user: principal.user,
          code: body.code,
          password: body.password,
          meta,
          signIn: signInOf(principal),
        }),
      }),
    ),
)
