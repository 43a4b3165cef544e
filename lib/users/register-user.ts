import 'server-only'
import type { RequestMeta } from '@/lib/audit/types'
import { assertTurnstile } from '@/lib/auth/turnstile'
import { sendVerificationMail } from '@/lib/auth/verify-email'
import { AppError } from '@/lib/errors'
import { limitAnonymousAuth } from '@/lib/ratelimit/limit-sign-in'
import type { Runtime } from '@/lib/runtime'
import { getInstanceSettings } from '@/lib/settings/instance-settings'
import { needsSetup } from '@/lib/setup/needs-setup'
import { provisionUser } from './provision-user'

/**
 * Self-service sign-up (ENABLE_REGISTRATION): the account joins no organization (SPEC §5); its owner
 * creates one or is added to one. Refused until setup is done, so that a stranger's account cannot
 * stand in for the first admin.
 */
export async function registerUser(
  runtime: Runtime,
  args: { email: string; name: string; password: string; turnstileToken?: string; meta: RequestMeta },
) {
  const settings = await getInstanceSettings(runtime)
  if (!settings.enableRegistration)
    throw new AppError(
      'registration_disabled',
      'Registration is turned off on this instance; ask an administrator for an account',
    )
  if (await needsSetup(runtime.db)) throw new AppError('registration_disabled', 'This instance is not set up yet')
  // Mass sign-ups from one address share one budget (RATE_LIMIT_AUTH a minute).
  await limitAnonymousAuth(runtime, args.meta)
  await assertTurnstile(settings, { action: 'register', token: args.turnstileToken, ip: args.meta.ip })
  const user = await provisionUser(runtime, {
    email: args.email,
    name: args.name,
    password: args.password,
    actor: { type: 'anonymous' },
    meta: args.meta,
    joinDefaultOrg: false,
    emailVerified: false,
  })
  sendVerificationMail(runtime, user)
  return user
}
