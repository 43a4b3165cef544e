'use server'

import { redirect } from 'next/navigation'
import { z } from 'zod'
import { defineAction, refused } from '@/lib/actions/define-action'
import type { RequestMeta } from '@/lib/audit/types'
import { endPendingSignIn, pendingSignInUser, startPendingSignIn } from '@/lib/auth/mfa/pending-sign-in'
import { secondFactorFormSchema } from '@/lib/auth/mfa/schemas'
import { setCeremonyCookie, takeCeremonyCookie } from '@/lib/auth/passkeys/ceremony-cookie'
import { passkeySignInFormSchema } from '@/lib/auth/passkeys/schemas'
import { startPasskeySecondFactor, startPasskeySignIn } from '@/lib/auth/passkeys/verify-passkey'
import { safeCallbackPath } from '@/lib/auth/safe-callback'
import { signInFormSchema } from '@/lib/auth/schemas'
import {
  type BrowserSecondFactor,
  beginBrowserSignIn,
  finishBrowserSignIn,
  signInWithPasskey,
} from '@/lib/auth/sign-in'
import { assertTurnstile } from '@/lib/auth/turnstile'
import type { Runtime } from '@/lib/runtime'
import { setSessionCookies } from '@/lib/sessions/set-session-cookie'
import { getInstanceSettings } from '@/lib/settings/instance-settings'

export const signInAction = defineAction(
  { schema: signInFormSchema, public: true },
  async ({ input, runtime, meta }) => {
    await assertTurnstile(await getInstanceSettings(runtime), {
      action: 'login',
      token: input.turnstile_token,
      ip: meta.ip,
    })
    const begun = await beginBrowserSignIn(runtime, { email: input.email, password: input.password, meta })
    const target = safeCallbackPath(input.callbackUrl)
    if ('pendingUserId' in begun) {
      await startPendingSignIn(runtime, begun.pendingUserId)
      redirect(`/login/two-factor${target === '/' ? '' : `?callbackUrl=${encodeURIComponent(target)}`}`)
    }
    await setSessionCookies(runtime.config, begun.session)
    redirect(target)
  },
)

const callbackSchema = signInFormSchema.pick({ callbackUrl: true })
const pendingExpired = refused('That took too long. Sign in with your password again.')

/** The second step, whatever the factor: for the user the password step named, then into the console. */
async function finishSecondStep(
  runtime: Runtime,
  args: { factor: BrowserSecondFactor; meta: RequestMeta; callbackUrl?: string },
) {
  const userId = await pendingSignInUser(runtime)
  if (!userId) return pendingExpired
  const session = await finishBrowserSignIn(runtime, { userId, factor: args.factor, meta: args.meta })
  await endPendingSignIn(runtime)
  await setSessionCookies(runtime.config, session)
  redirect(safeCallbackPath(args.callbackUrl))
}

export const secondFactorAction = defineAction(
  { schema: secondFactorFormSchema.and(callbackSchema), public: true },
  async ({ input, runtime, meta }) =>
    finishSecondStep(runtime, {
      factor: { totpCode: input.totp_code, recoveryCode: input.recovery_code },
      meta,
      callbackUrl: input.callbackUrl,
    }),
)

export const startPasskeySecondFactorAction = defineAction(
  { schema: z.object({}), public: true },
  async ({ runtime }) => {
    const userId = await pendingSignInUser(runtime)
    if (!userId) return pendingExpired
    const ceremony = await startPasskeySecondFactor(runtime, userId)
    if (!ceremony) return refused('Your account has no passkey. Use the code from your app.')
    await setCeremonyCookie(runtime.config, ceremony.ceremonyId)
    return { ok: true as const, options: ceremony.options }
  },
)

export const passkeySecondFactorAction = defineAction(
  { schema: passkeySignInFormSchema.and(callbackSchema), public: true },
  async ({ input, runtime, meta }) =>
    finishSecondStep(runtime, {
      factor: { passkey: { response: input.response, ceremonyId: await takeCeremonyCookie(runtime.config) } },
      meta,
      callbackUrl: input.callbackUrl,
    }),
)

export const startPasskeySignInAction = defineAction(
  { schema: z.object({}), public: true },
  async ({ runtime, meta }) => {
    const ceremony = await startPasskeySignIn(runtime, meta)
    await setCeremonyCookie(runtime.config, ceremony.ceremonyId)
    return { ok: true as const, options: ceremony.options }
  },
)

export const passkeySignInAction = defineAction(
  { schema: passkeySignInFormSchema.and(callbackSchema), public: true },
  async ({ input, runtime, meta }) => {
    const session = await signInWithPasskey(runtime, {
      response: input.response,
      ceremonyId: await takeCeremonyCookie(runtime.config),
      meta,
    })
    await setSessionCookies(runtime.config, session)
    redirect(safeCallbackPath(input.callbackUrl))
  },
)
