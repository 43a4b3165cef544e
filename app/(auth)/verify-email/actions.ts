'use server'

import { defineAction } from '@/lib/actions/define-action'
import { verifyEmailFormSchema } from '@/lib/auth/mail-link-schemas'
import { verifyEmail } from '@/lib/auth/verify-email'

export const verifyEmailAction = defineAction(
  { schema: verifyEmailFormSchema, public: true },
  async ({ input, runtime, meta }) => {
    await verifyEmail(runtime, { token: input.token, meta })
    return { ok: true, message: 'Your e-mail address is confirmed. Thank you.' }
  },
)
