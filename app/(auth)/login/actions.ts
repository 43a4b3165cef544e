'use server'

import { redirect } from 'next/navigation'
import { z } from 'zod'
import { defineAction, refused } from '@/lib/actions/define-action'
import type { RequestMeta } from '@/lib/audit/types'
import { endPendingSignIn, pendingSignIn, secondStepPath, startPendingSignIn } from '@/lib/auth/mfa/pending-sign-in'
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
import { findProviderForEmail } from '@/lib/oidc/provider-queries'
import { continueWithSsoFormSchema } from '@/lib/oidc/provider-schemas'
import { ssoStartPath } from '@/lib/oidc/sso-start-path'
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
      redirect(secondStepPath(target))
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
  const pending = await pendingSignIn(runtime)
  if (!pending) return pendingExpired
  const session = await finishBrowserSignIn(runtime, { ...pending, factor: args.factor, meta: args.meta })
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
    const pending = await pendingSignIn(runtime)
    if (!pending) return pendingExpired
    const ceremony = await startPasskeySecondFactor(runtime, pending.userId)
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

/**
 * "Continue with SSO": where the provider that holds the e-mail's domain begins, or a readable
 * refusal. The page navigates there itself: a redirect() from an action is followed by fetch, which
 * the CSP (connect-src 'self') stops at the provider's origin.
 */
export const continueWithSsoAction = defineAction(
  { schema: continueWithSsoFormSchema, public: true },
  async ({ input, runtime }) => {
    const provider = await findProviderForEmail(runtime.db, input.email)
    if (!provider)
      return {
        ok: false as const,
        error: 'No single sign-on is set up for that e-mail domain.',
        fieldErrors: { email: ['No single sign-on is set up for this domain. Sign in with your password instead.'] },
      }
    const callbackUrl = safeCallbackPath(input.callbackUrl)
    return { ok: true as const, location: ssoStartPath(provider.slug, { callbackUrl, loginHint: input.email }) }
  },
)
