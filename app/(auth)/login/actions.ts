'use server'

import { redirect } from 'next/navigation'
import { defineAction } from '@/lib/actions/define-action'
import { endPendingSignIn, pendingSignInUser, startPendingSignIn } from '@/lib/auth/mfa/pending-sign-in'
import { secondFactorFormSchema } from '@/lib/auth/mfa/schemas'
import { safeCallbackPath } from '@/lib/auth/safe-callback'
import { assertTurnstile } from '@/lib/auth/turnstile'
import { signInFormSchema } from '@/lib/auth/schemas'
import { beginBrowserSignIn, finishBrowserSignIn } from '@/lib/auth/sign-in'
import { setSessionCookies } from '@/lib/sessions/set-session-cookie'

export const signInAction = defineAction({ schema: signInFormSchema, public: true }, async ({ input, runtime, meta }) => {
  await assertTurnstile(runtime.config, { action: 'login', token: input.turnstile_token, ip: meta.ip })
  const begun = await beginBrowserSignIn(runtime, { email: input.email, password: input.password, meta })
  const target = safeCallbackPath(input.callbackUrl)
  if ('pendingUserId' in begun) {
    await startPendingSignIn(runtime, begun.pendingUserId)
    redirect(`/login/two-factor${target === '/' ? '' : `?callbackUrl=${encodeURIComponent(target)}`}`)
  }
  await setSessionCookies(runtime.config, begun.session)
  redirect(target)
})

export const secondFactorAction = defineAction({ schema: secondFactorFormSchema.and(signInFormSchema.pick({ callbackUrl: true })), public: true }, async ({ input, runtime, meta }) => {
  const userId = await pendingSignInUser(runtime)
  if (!userId) return { ok: false, error: 'That took too long. Sign in with your password again.' }
  const session = await finishBrowserSignIn(runtime, { userId, factor: { totpCode: input.totp_code, recoveryCode: input.recovery_code }, meta })
  await endPendingSignIn(runtime)
  await setSessionCookies(runtime.config, session)
  redirect(safeCallbackPath(input.callbackUrl))
})
