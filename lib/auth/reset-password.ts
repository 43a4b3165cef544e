import 'server-only'
import { eq } from 'drizzle-orm'
import { users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { RequestMeta } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import { peekMailToken, spendMailToken } from '@/lib/notify/mail-tokens'
import { raiseSecurityAlert } from '@/lib/notify/security-alerts'
import { limitAnonymousAuth } from '@/lib/ratelimit/limit-sign-in'
import type { Runtime } from '@/lib/runtime'
import { endSignIns } from '@/lib/sessions/end-sign-ins'
import { getInstanceSettings } from '@/lib/settings/instance-settings'
import { findUserById } from '@/lib/users/queries'
import { accountDisabled } from './account-disabled'
import { assertPasswordPolicy } from './assert-password-policy'
import { hashPassword } from './password'

/**
 * Sets a new password from a reset link. A refused password leaves the link usable; the link is
 * spent in the same transaction as the change. Every browser session and API sign-in ends, and the
 * second factor stays: the link proves the mailbox, not the person. Proving the mailbox also
 * verifies the address.
 */
export async function resetPassword(runtime: Runtime, args: { token: string; newPassword: string; meta: RequestMeta }) {
  // Each try costs a password hash: one address does not get to spend the server's CPU freely.
  await limitAnonymousAuth(runtime, args.meta)
  const { userId } = await peekMailToken(runtime.db, { token: args.token, purpose: 'password_reset' })
  const user = await findUserById(runtime.db, userId)
  if (!user) throw new AppError('invalid_token', 'This link is not valid.')
  if (user.disabledAt) throw accountDisabled()
  const settings = await getInstanceSettings(runtime)
  assertPasswordPolicy(args.newPassword, settings.passwordPolicy, user.email, 'new_password')
  const passwordHash = await hashPassword(args.newPassword)
  const counts = await runtime.db.transaction(async (tx) => {
    await spendMailToken(tx, { token: args.token, purpose: 'password_reset' })
    await tx
      .update(users)
      .set({ passwordHash, emailVerified: user.emailVerified ?? new Date() })
      .where(eq(users.id, user.id))
    const ended = await endSignIns(tx, user.id)
    const counts = { sessions_ended: ended.sessions, api_sign_ins_ended: ended.families }
    await recordAudit(tx, {
      action: 'auth.password.reset',
      actor: { type: 'user', id: user.id, email: user.email },
      target: { type: 'user', id: user.id },
      meta: args.meta,
      details: counts,
    })
    return counts
  })
  raiseSecurityAlert(runtime, { user, event: { kind: 'password_reset' }, meta: args.meta })
  return counts
}
