import { resetPasswordBodySchema } from '@/lib/auth/mail-link-schemas'
import { resetPassword } from '@/lib/auth/reset-password'
import { noContent } from '@/lib/http/respond'
import { route } from '@/lib/http/route'

// POST /api/v1/auth/password/reset: set a new password with a reset link's token; ends every session and API sign-in (public)
export const POST = route(
  {
    summary: "set a new password with a reset link's token; ends every session and API sign-in",
    auth: 'none',
    body: resetPasswordBodySchema,
  },
  async ({ runtime, body, meta }) => {
    await resetPassword(runtime, { token: body.token, newPassword: body.new_password, meta })
    return noContent()
  },
)
