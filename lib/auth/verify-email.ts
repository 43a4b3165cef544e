import 'server-only'
import { and, eq } from 'drizzle-orm'
import { users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { RequestMeta } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import { VERIFY_LINK_HOURS, verificationMail } from '@/lib/notify/account-mails'
import { deliverMail } from '@/lib/notify/deliver-mail'
import { issueMailToken, spendMailToken } from '@/lib/notify/mail-tokens'
import { limitAccountMail, limitAnonymousAuth } from '@/lib/ratelimit/limit-sign-in'
import type { Runtime } from '@/lib/runtime'
import { afterResponse } from '@/lib/runtime/after-response'
import { findUserById } from '@/lib/users/queries'

/**
 * Mails a verification link for the account's current address, after the response. The token
 * names the address, so that it verifies only the address it was sent to.
 */
export function sendVerificationMail(runtime: Runtime, user: { id: string; email: string }): void {
  afterResponse(runtime.log, 'verification mail', async () => {
    const token = await issueMailToken(runtime.db, {
      userId: user.id,
      purpose: 'email_verify',
      ttlSeconds: VERIFY_LINK_HOURS * 3600,
      target: { type: 'email', id: user.email },
    })
    await deliverMail(runtime.mail, runtime.log, {
      to: user.email,
      ...verificationMail(runtime.config, { email: user.email, token }),
    })
  })
}

/** "Resend": limited like a sign-in, and per address like a reset; nothing is sent once verified. */
export async function resendVerificationMail(runtime: Runtime, userId: string, meta: RequestMeta): Promise<void> {
  await limitAnonymousAuth(runtime, meta)
  const user = await findUserById(runtime.db, userId)
  if (!user || user.emailVerified) return
  await limitAccountMail(runtime, user.email)
  sendVerificationMail(runtime, user)
}

/** Confirms the address a verification link was sent to; no sign-in needed (it may be opened elsewhere). */
export async function verifyEmail(runtime: Runtime, args: { token: string; meta: RequestMeta }): Promise<void> {
  await limitAnonymousAuth(runtime, args.meta)
  await runtime.db.transaction(async (tx) => {
    const { userId, target } = await spendMailToken(tx, { token: args.token, purpose: 'email_verify' })
    const [user] = await tx
      .update(users)
      .set({ emailVerified: new Date() })
      .where(and(eq(users.id, userId), eq(users.email, target?.id ?? '')))
      .returning({ id: users.id, email: users.email })
    // The account's address changed since the mail: this link proves the old one only.
    if (!user) throw new AppError('invalid_token', 'This link was sent to an address the account no longer has.')
    await recordAudit(tx, {
      action: 'auth.email.verify',
      actor: { type: 'user', id: user.id, email: user.email },
      target: { type: 'user', id: user.id },
      meta: args.meta,
    })
  })
}
