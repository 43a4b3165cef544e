import { resendVerificationMail } from '@/lib/auth/verify-email'
import { accepted } from '@/lib/http/respond'
import { route } from '@/lib/http/route'

// POST /api/v1/auth/email/verify/resend: mail the caller a new verification link, unless verified already (any signed-in user)
export const POST = route(
  { summary: 'mail the caller a new verification link, unless verified already' },
  async ({ runtime, principal, meta }) => {
    await resendVerificationMail(runtime, principal.user.id, meta)
    return accepted()
  },
)
