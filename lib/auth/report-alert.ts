import 'server-only'
import { and, eq, isNull } from 'drizzle-orm'
import type { Tx } from '@/db/client'
import { apiKeys, knownDevices } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { RequestMeta } from '@/lib/audit/types'
import { type MailTokenTarget, spendMailToken } from '@/lib/notify/mail-tokens'
import { limitAnonymousAuth } from '@/lib/ratelimit/limit-sign-in'
import type { Runtime } from '@/lib/runtime'
import { endSignIn } from '@/lib/sessions/revoke-sessions'
import { findUserById } from '@/lib/users/queries'

export type EndedByReport = 'session' | 'refresh_family' | 'api_key'

/** Ends what an alert was about, if it is the user's and still alive: whether it did. */
async function endTarget(tx: Tx, userId: string, target: MailTokenTarget): Promise<boolean> {
  switch (target.type) {
    case 'session':
    case 'refresh_family':
      return (await endSignIn(tx, userId, target.id)) !== undefined
    case 'api_key':
      return (
        (
          await tx
            .update(apiKeys)
            .set({ revokedAt: new Date() })
            .where(and(eq(apiKeys.id, target.id), eq(apiKeys.createdBy, userId), isNull(apiKeys.revokedAt)))
            .returning({ id: apiKeys.id })
        ).length > 0
      )
    default:
      return false
  }
}

/**
 * "This wasn't me": spends the alert's report token and ends exactly the session, API sign-in or
 * API key it names (already ended: nothing more to do), audited auth.report. The link proves only
 * the mailbox, so it ends things and never grants anything.
 */
export async function reportAlert(
  runtime: Runtime,
  args: { token: string; meta: RequestMeta },
): Promise<{ ended: { type: EndedByReport; id: string } | null; email: string }> {
  await limitAnonymousAuth(runtime, args.meta)
  return runtime.db.transaction(async (tx) => {
    const { userId, target, deviceId } = await spendMailToken(tx, { token: args.token, purpose: 'report' })
    const user = await findUserById(tx, userId)
    const ended =
      target && (await endTarget(tx, userId, target)) ? (target as { type: EndedByReport; id: string }) : null
    // The next sign-in from the device a new-device alert was about is news again.
    if (deviceId)
      await tx.delete(knownDevices).where(and(eq(knownDevices.id, deviceId), eq(knownDevices.userId, userId)))
    await recordAudit(tx, {
      action: 'auth.report',
      actor: { type: 'user', id: userId, email: user?.email ?? null },
      target: target ? { type: target.type, id: target.id } : { type: 'user', id: userId },
      meta: args.meta,
      details: { ended: Boolean(ended) },
    })
    return { ended, email: user?.email ?? '' }
  })
}
