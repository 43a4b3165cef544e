import 'server-only'
import { recordAudit } from '@/lib/audit/record-audit'
import type { RequestMeta } from '@/lib/audit/types'
import { noPasswordToResetMail, passwordResetMail, RESET_LINK_MINUTES } from '@/lib/notify/account-mails'
import { deliverMail } from '@/lib/notify/deliver-mail'
import { issueMailToken } from '@/lib/notify/mail-tokens'
import { findSignInMethods } from '@/lib/oidc/linked-identities'
import { limitAccountMail, limitAnonymousAuth } from '@/lib/ratelimit/limit-sign-in'
import type { Runtime } from '@/lib/runtime'
import { afterResponse } from '@/lib/runtime/after-response'
import { getInstanceSettings } from '@/lib/settings/instance-settings'
import { findUserByEmail } from '@/lib/users/queries'
import { assertTurnstile } from './turnstile'

/**
 * "Forgot password?": the answer is the same, and as quick, whether or not an account has the
 * address, because everything that depends on the account happens after the response. Limited
 * per client address, then (after the human check, so that a bot cannot use up a person's
 * budget without solving it) per e-mail address. Turnstile follows TURNSTILE_REQUIRE_ON_PASSWORD_CHANGE.
 */
export async function requestPasswordReset(
  runtime: Runtime,
  args: { email: string; turnstileToken?: string; meta: RequestMeta },
): Promise<void> {
  const settings = await getInstanceSettings(runtime)
  await limitAnonymousAuth(runtime, args.meta)
  await assertTurnstile(settings, { action: 'password_change', token: args.turnstileToken, ip: args.meta.ip })
  await limitAccountMail(runtime, args.email)
  afterResponse(runtime.log, 'password reset mail', () => mailPasswordReset(runtime, args.email, args.meta))
}

async function mailPasswordReset(runtime: Runtime, email: string, meta: RequestMeta) {
  const user = await findUserByEmail(runtime.db, email)
  if (!user || user.disabledAt) return
  const methods = await findSignInMethods(runtime.db, user.id)
  if (!methods.hasPassword) {
    const providers = methods.providers.map((provider) => provider.name)
    await deliverMail(runtime.mail, runtime.log, {
      to: user.email,
      ...noPasswordToResetMail(runtime.config, { email: user.email, providers }),
    })
    return
  }
  const token = await runtime.db.transaction(async (tx) => {
    const issued = await issueMailToken(tx, {
      userId: user.id,
      purpose: 'password_reset',
      ttlSeconds: RESET_LINK_MINUTES * 60,
    })
    await recordAudit(tx, {
      action: 'auth.password.reset_request',
      actor: { type: 'anonymous' },
      target: { type: 'user', id: user.id },
      meta,
    })
    return issued
  })
  await deliverMail(runtime.mail, runtime.log, {
    to: user.email,
    ...passwordResetMail(runtime.config, { email: user.email, token }),
  })
}
