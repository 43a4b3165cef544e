import 'server-only'
import { recordAudit } from '@/lib/audit/record-audit'
import type { RequestMeta } from '@/lib/audit/types'
import { assertPasswordPolicy } from '@/lib/auth/assert-password-policy'
import { hashPassword } from '@/lib/auth/password'
import { sendVerificationMail } from '@/lib/auth/verify-email'
import { AppError } from '@/lib/errors'
import { limitAnonymousAuth } from '@/lib/ratelimit/limit-sign-in'
import type { Runtime } from '@/lib/runtime'
import { getInstanceSettings } from '@/lib/settings/instance-settings'
import { createUser } from '@/lib/users/create-user'
import { hasAnyUser } from '@/lib/users/queries'
import { handInstanceTo, lockSetup } from './claim-instance'
import { isValidSetupToken } from './setup-token'

export interface CreateFirstAdminArgs {
  runtime: Runtime
  email: string
  name: string
  password: string
  meta: RequestMeta
  /** Required unless the admin comes from GATEHOUSE_ADMIN_* at boot. */
  setupToken?: string
  headless?: boolean
}

/**
 * Creates the first user as instance admin and owner of the `default` organization. Two claims at
 * once are serialised by an advisory lock; the loser gets 409 already_set_up.
 */
export async function createFirstAdmin({
  runtime,
  email,
  name,
  password,
  meta,
  setupToken,
  headless,
}: CreateFirstAdminArgs) {
  const { db, masterKey } = runtime
  // Per address: a stranger guessing at the setup token cannot keep the real admin at 429.
  if (!headless) await limitAnonymousAuth(runtime, meta)
  assertPasswordPolicy(password, (await getInstanceSettings(runtime)).passwordPolicy, email)
  const passwordHash = await hashPassword(password)
  const user = await db.transaction(async (tx) => {
    await lockSetup(tx)
    if (await hasAnyUser(tx)) throw new AppError('already_set_up', 'This instance has already been set up')
    if (!headless && !(setupToken && (await isValidSetupToken(tx, masterKey, setupToken)))) {
      throw new AppError('forbidden', 'The setup token is not valid. Copy it from the server log.')
    }
    const user = await createUser(tx, {
      email,
      name,
      passwordHash,
      isAdmin: true,
      // The operator set GATEHOUSE_ADMIN_EMAIL; an address typed on /setup is proved by mail.
      emailVerified: Boolean(headless),
      actor: { type: headless ? 'system' : 'anonymous' },
      meta,
    })
    const actor = await handInstanceTo(tx, user, meta)
    await recordAudit(tx, {
      action: 'setup.complete',
      actor,
      target: { type: 'user', id: user.id },
      meta,
      details: { headless: Boolean(headless) },
    })
    return user
  })
  if (!headless) sendVerificationMail(runtime, user)
  return user
}
