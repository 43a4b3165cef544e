'use server'

import { defineAction } from '@/lib/actions/define-action'
import { resetPasswordFormSchema } from '@/lib/auth/mail-link-schemas'
import { resetPassword } from '@/lib/auth/reset-password'

export const resetPasswordAction = defineAction(
  { schema: resetPasswordFormSchema, public: true },
  async ({ input, runtime, meta }) => {
    await resetPassword(runtime, { token: input.token, newPassword: input.new_password, meta })
    return {
      ok: true,
      message:
        'Your password is changed and every browser and API sign-in of your account has ended. Sign in with the new password.',
    }
  },
)
