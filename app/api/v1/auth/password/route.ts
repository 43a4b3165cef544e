import { changePassword } from '@/lib/auth/change-password'
import { signInOf } from '@/lib/auth/principal'
import { changePasswordBodySchema } from '@/lib/auth/schemas'
import { noContent } from '@/lib/http/respond'
import { route } from '@/lib/http/route'

// POST /api/v1/auth/password: change the caller's password; ends every other session and every API sign-in (any signed-in user)
export const POST = route(
  {
    summary: "change the caller's password; ends every other session and every API sign-in",
    body: changePasswordBodySchema,
  },
  async ({ runtime, principal, body, meta }) => {
    const keepSessionId = principal.via === 'session' ? principal.sessionId : undefined
    await changePassword(runtime, {
      userId: principal.user.id,
      currentPassword: body.current_password,
      newPassword: body.new_password,
      keepSessionId,
      turnstileToken: body.turnstile_token,
      meta,
      signIn: signInOf(principal),
    })
    return noContent()
  },
)
