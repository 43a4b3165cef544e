import { totpSetupResponse } from '@/lib/auth/mfa/schemas'
import { startTotpSetup } from '@/lib/auth/mfa/totp-enrolment'
import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'

// POST /api/v1/auth/mfa/totp/setup: a new TOTP secret for the caller's authenticator app, not yet enabled (any signed-in user)
export const POST = route(
  { summary: 'a new TOTP secret for the caller’s authenticator app, not yet enabled' },
  async ({ runtime, principal }) => json(totpSetupResponse.parse(await startTotpSetup(runtime, principal.user))),
)
