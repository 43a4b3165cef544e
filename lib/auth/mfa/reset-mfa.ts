import 'server-only'
import { eq } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { passkeys, recoveryCodes, totpCredentials } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import { findUserById } from '@/lib/users/queries'

/** An admin clears a user's second factors (a lost phone or key): TOTP, recovery codes and passkeys; the user sets them up again. */
export async function resetMfa(db: Db, args: { userId: string; actor: AuditActor; meta: RequestMeta }): Promise<void> {
  if (!(await findUserById(db, args.userId))) throw new AppError('not_found', 'No such user')
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(totpCredentials)
      .where(eq(totpCredentials.userId, args.userId))
      .returning({ userId: totpCredentials.userId })
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, args.userId))
    const passkeysRemoved = await tx
      .delete(passkeys)
      .where(eq(passkeys.userId, args.userId))
      .returning({ id: passkeys.id })
    await recordAudit(tx, {
      action: 'auth.mfa.disable',
      actor: args.actor,
      target: { type: 'user', id: args.userId },
      meta: args.meta,
      details: {
        method: 'totp',
        reset_by_admin: true,
        had_totp: removed.length > 0,
        passkeys_removed: passkeysRemoved.length,
      },
    })
  })
}
