import 'server-only'
import { eq } from 'drizzle-orm'
import { users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { RequestMeta } from '@/lib/audit/types'
import { safeEqual } from '@/lib/crypto/hash'
import { AppError } from '@/lib/errors'
import type { MailTokenTarget } from '@/lib/notify/mail-tokens'
import { raiseSecurityAlert } from '@/lib/notify/security-alerts'
import type { Runtime } from '@/lib/runtime'
import { endSignIns } from '@/lib/sessions/end-sign-ins'
import { getInstanceSettings } from '@/lib/settings/instance-settings'
import { assertPasswordPolicy } from './assert-password-policy'
import { confirmPassword } from './confirm-password'
import { hashPassword } from './password'
import { assertTurnstile } from './turnstile'

interface ChangePasswordArgs {
  userId: string
  currentPassword: string
  newPassword: string
  /** The browser session making the change stays signed in; every other one ends. */
  keepSessionId?: string
  turnstileToken?: string
  meta: RequestMeta
  /** The sign-in making the change, which the alert's "This wasn't me" ends. */
  signIn?: MailTokenTarget
}

/**
 * A password change ends every other browser session and every API sign-in (SPEC §5), so that a
 * thief holding an old session or refresh token is out the moment the owner reacts. The current
 * password is confirmed first (confirmPassword).
 */
export async function changePassword(runtime: Runtime, args: ChangePasswordArgs) {
  const settings = await getInstanceSettings(runtime)
  await assertTurnstile(settings, { action: 'password_change', token: args.turnstileToken, ip: args.meta.ip })
  const user = await confirmPassword(runtime, {
    userId: args.userId,
    password: args.currentPassword,
    field: 'current_password',
    action: 'auth.password.change',
    meta: args.meta,
  })
  const actor = { type: 'user' as const, id: user.id, email: user.email }
  assertPasswordPolicy(args.newPassword, settings.passwordPolicy, user.email, 'new_password')
  if (safeEqual(args.newPassword, args.currentPassword)) {
    throw new AppError('validation_failed', 'The new password is the current one', [
      { path: 'new_password', message: 'Choose a password other than your current one.' },
    ])
  }
  const passwordHash = await hashPassword(args.newPassword)
  const counts = await runtime.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id))
    const ended = await endSignIns(tx, user.id, { sessionId: args.keepSessionId })
    const counts = { sessions_ended: ended.sessions, api_sign_ins_ended: ended.families }
    await recordAudit(tx, {
      action: 'auth.password.change',
      actor,
      target: { type: 'user', id: user.id },
      meta: args.meta,
      details: counts,
    })
    return counts
  })
  raiseSecurityAlert(runtime, { user, event: { kind: 'password_changed' }, meta: args.meta, target: args.signIn })
  return counts
}
