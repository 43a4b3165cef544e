'use server'

import { defineAction } from '@/lib/actions/define-action'
import { changePassword } from '@/lib/auth/change-password'
import { changePasswordFormSchema } from '@/lib/auth/schemas'

export const changePasswordAction = defineAction({ schema: changePasswordFormSchema }, async ({ input, runtime, session, meta }) => {
  const { sessions_ended: browsers, api_sign_ins_ended: api } = await changePassword(runtime, {
    userId: session.user.id,
    currentPassword: input.current_password,
    newPassword: input.new_password,
    keepSessionId: session.sessionId,
    meta,
  })
  return { ok: true, message: `Password changed. Signed out ${browsers} other browser${browsers === 1 ? '' : 's'} and ended ${api} API sign-in${api === 1 ? '' : 's'}.` }
})
