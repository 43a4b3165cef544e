'use server'

import { defineAction } from '@/lib/actions/define-action'
import { requestPasswordReset } from '@/lib/auth/forgot-password'
import { forgotPasswordFormSchema } from '@/lib/auth/mail-link-schemas'
import { RESET_LINK_MINUTES } from '@/lib/notify/account-mails'

export const forgotPasswordAction = defineAction(
  { schema: forgotPasswordFormSchema, public: true },
  async ({ input, runtime, meta }) => {
    await requestPasswordReset(runtime, { email: input.email, turnstileToken: input.turnstile_token, meta })
    return {
      ok: true,
      message: `If an account has the address ${input.email}, a link to choose a new password is on its way. It works for ${RESET_LINK_MINUTES} minutes; look in the spam folder too.`,
    }
  },
)
