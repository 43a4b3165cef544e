import { tokenBodySchema, tokenPairResponse } from '@/lib/auth/schemas'
import { issueTokensForPassword } from '@/lib/auth/sign-in'
import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'

// POST /api/v1/auth/token: e-mail and password for an access token and a refresh token (public)
export const POST = route(
  { summary: 'e-mail and password for an access token and a refresh token', auth: 'none', body: tokenBodySchema },
  async ({ runtime, body, meta }) => {
    const pair = await issueTokensForPassword(runtime, {
      email: body.email,
      password: body.password,
      factor: { totpCode: body.totp_code, recoveryCode: body.recovery_code },
      turnstileToken: body.turnstile_token,
      meta,
    })
    return json(tokenPairResponse.parse(pair))
  },
)
