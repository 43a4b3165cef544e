'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { defineAction, refused } from '@/lib/actions/define-action'
import { changePassword } from '@/lib/auth/change-password'
import { disableTotpBodySchema, enableTotpBodySchema } from '@/lib/auth/mfa/schemas'
import { disableTotp, enableTotp, startTotpSetup } from '@/lib/auth/mfa/totp-enrolment'
import { setCeremonyCookie, takeCeremonyCookie } from '@/lib/auth/passkeys/ceremony-cookie'
import { removePasskey, renamePasskey } from '@/lib/auth/passkeys/manage-passkeys'
import { finishPasskeyRegistration, startPasskeyRegistration } from '@/lib/auth/passkeys/register-passkey'
import {
  addPasskeyFormSchema,
  removePasskeyFormSchema,
  renamePasskeyFormSchema,
  startAddPasskeyFormSchema,
} from '@/lib/auth/passkeys/schemas'
import { changePasswordFormSchema } from '@/lib/auth/schemas'
import { resendVerificationMail } from '@/lib/auth/verify-email'
import { subscribePushFormSchema, unsubscribePushFormSchema } from '@/lib/notify/push-form-schemas'
import { removePushSubscription, savePushSubscription } from '@/lib/notify/push-subscriptions'
import { sendTestPush } from '@/lib/notify/test-push'

export const changePasswordAction = defineAction(
  { schema: changePasswordFormSchema },
  async ({ input, runtime, session, meta }) => {
    const { sessions_ended: browsers, api_sign_ins_ended: api } = await changePassword(runtime, {
      userId: session.user.id,
      currentPassword: input.current_password,
      newPassword: input.new_password,
      keepSessionId: session.sessionId,
      turnstileToken: input.turnstile_token,
      meta,
      signIn: { type: 'session', id: session.sessionId },
    })
    return {
      ok: true,
      message: `Password changed. Signed out ${browsers} other browser${browsers === 1 ? '' : 's'} and ended ${api} API sign-in${api === 1 ? '' : 's'}.`,
    }
  },
)

export const startTotpSetupAction = defineAction({ schema: z.object({}) }, async ({ runtime, session }) => {
  await startTotpSetup(runtime, session.user)
  revalidatePath('/security')
  return { ok: true }
})

/**
 * The recovery codes come back once, newline-separated, for the form to show, copy and download.
 * No revalidation here: the page would re-render as "on" and take the codes away; the form
 * refreshes it once the user has saved them.
 */
export const enableTotpAction = defineAction(
  { schema: enableTotpBodySchema },
  async ({ input, runtime, session, meta }) => {
    const codes = await enableTotp(runtime, {
      user: session.user,
      code: input.code,
      password: input.password,
      meta,
      signIn: { type: 'session', id: session.sessionId },
    })
    return { ok: true, message: 'The authenticator app is on.', reveal: codes.join('\n') }
  },
)

export const disableTotpAction = defineAction(
  { schema: disableTotpBodySchema },
  async ({ input, runtime, session, meta }) => {
    await disableTotp(runtime, {
      user: session.user,
      password: input.password,
      code: input.code,
      meta,
      signIn: { type: 'session', id: session.sessionId },
    })
    revalidatePath('/security')
    return { ok: true, message: 'The authenticator app is off.' }
  },
)

/** Adding a passkey, step one: the password again, then the options for the browser's prompt. */
export const startAddPasskeyAction = defineAction(
  { schema: startAddPasskeyFormSchema },
  async ({ input, runtime, session, meta }) => {
    const ceremony = await startPasskeyRegistration(runtime, { user: session.user, password: input.password, meta })
    await setCeremonyCookie(runtime.config, ceremony.ceremonyId)
    return { ok: true as const, options: ceremony.options }
  },
)

export const addPasskeyAction = defineAction(
  { schema: addPasskeyFormSchema },
  async ({ input, runtime, session, meta }) => {
    const ceremonyId = await takeCeremonyCookie(runtime.config)
    const passkey = await finishPasskeyRegistration(runtime, {
      user: session.user,
      name: input.name,
      response: input.response,
      ceremonyId,
      meta,
      signIn: { type: 'session', id: session.sessionId },
    })
    revalidatePath('/security')
    return {
      ok: true,
      message: `Passkey “${passkey.name}” added. Use it on the sign-in page, or as your second factor.`,
    }
  },
)

export const renamePasskeyAction = defineAction(
  { schema: renamePasskeyFormSchema },
  async ({ input, runtime, session }) => {
    const passkey = await renamePasskey(runtime.db, {
      user: session.user,
      passkeyId: input.passkey_id,
      name: input.name,
    })
    revalidatePath('/security')
    return { ok: true, message: `Renamed to “${passkey.name}”.` }
  },
)

export const removePasskeyAction = defineAction(
  { schema: removePasskeyFormSchema },
  async ({ input, runtime, session, meta }) => {
    const passkey = await removePasskey(runtime, {
      user: session.user,
      passkeyId: input.passkey_id,
      password: input.password,
      meta,
      signIn: { type: 'session', id: session.sessionId },
    })
    revalidatePath('/security')
    return { ok: true, message: `Passkey “${passkey.name}” removed.` }
  },
)

export const resendVerificationAction = defineAction({ schema: z.object({}) }, async ({ runtime, session, meta }) => {
  await resendVerificationMail(runtime, session.user.id, meta)
  return { ok: true, message: `A new link is on its way to ${session.user.email}. The one before it no longer works.` }
})

export const subscribePushAction = defineAction(
  { schema: subscribePushFormSchema },
  async ({ input, runtime, session, actor, meta }) => {
    await savePushSubscription(runtime, { userId: session.user.id, subscription: input, actor, meta })
    return { ok: true, message: 'Notifications are on for this device.' }
  },
)

export const unsubscribePushAction = defineAction(
  { schema: unsubscribePushFormSchema },
  async ({ input, runtime, session, actor, meta }) => {
    await removePushSubscription(runtime.db, { userId: session.user.id, endpoint: input.endpoint, actor, meta })
    return { ok: true, message: 'Notifications are off for this device.' }
  },
)

export const testPushAction = defineAction({ schema: z.object({}) }, async ({ runtime, session }) => {
  const { sent, failed, removed } = await sendTestPush(runtime, session.user.id)
  if (sent === 0)
    return refused(
      failed + removed > 0
        ? 'No device took the notification: its push service refused it or could not be reached. Turn notifications off and on again.'
        : 'Notifications are not on for any of your devices.',
    )
  return { ok: true, message: `Sent to ${sent} device${sent === 1 ? '' : 's'}. It should appear in a moment.` }
})
