import { verifyEmailBodySchema } from '@/lib/auth/mail-link-schemas'
import { verifyEmail } from '@/lib/auth/verify-email'
import { noContent } from '@/lib/http/respond'
import { route } from '@/lib/http/route'

// POST /api/v1/auth/email/verify: confirm the account's e-mail address with a verification link's token (public)
export const POST = route(
  {
    summary: "confirm the account's e-mail address with a verification link's token",
    auth: 'none',
    body: verifyEmailBodySchema,
  },
  async ({ runtime, body, meta }) => {
    await verifyEmail(runtime, { token: body.token, meta })
    return noContent()
  },
)
