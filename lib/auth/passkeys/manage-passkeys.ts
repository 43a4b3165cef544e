import 'server-only'
import { and, eq } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { passkeys } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { RequestMeta } from '@/lib/audit/types'
import { confirmPasswordIfSet } from '@/lib/auth/confirm-password'
import { AppError } from '@/lib/errors'
import type { MailTokenTarget } from '@/lib/notify/mail-tokens'
import { raiseSecurityAlert } from '@/lib/notify/security-alerts'
import type { Runtime } from '@/lib/runtime'

interface ManagePasskeyArgs {
  user: { id: string; email: string }
  passkeyId: string
}

const notYours = () => new AppError('not_found', 'No such passkey')

/** Renames one of the user's own passkeys; another user's answers as missing. */
export async function renamePasskey(db: Db, args: ManagePasskeyArgs & { name: string }) {
  const [row] = await db
    .update(passkeys)
    .set({ name: args.name })
    .where(and(eq(passkeys.id, args.passkeyId), eq(passkeys.userId, args.user.id)))
    .returning({ id: passkeys.id, name: passkeys.name })
  if (!row) throw notYours()
  return row
}

/**
 * Removes one of the user's own passkeys after the current password (a borrowed session must not
 * be able to take a second factor away); it can no longer sign in from the next attempt on.
 */
export async function removePasskey(
  runtime: Runtime,
  args: ManagePasskeyArgs & { password?: string; meta: RequestMeta; signIn?: MailTokenTarget },
) {
  await confirmPasswordIfSet(runtime, {
    userId: args.user.id,
    password: args.password,
    field: 'password',
    action: 'auth.passkey.remove',
    meta: args.meta,
  })
  const removed = await runtime.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(passkeys)
      .where(and(eq(passkeys.id, args.passkeyId), eq(passkeys.userId, args.user.id)))
      .returning({ id: passkeys.id, name: passkeys.name })
    if (!row) throw notYours()
    await recordAudit(tx, {
      action: 'auth.passkey.remove',
      actor: { type: 'user', ...args.user },
      target: { type: 'passkey', id: row.id },
      meta: args.meta,
      details: { name: row.name },
    })
    return row
  })
  raiseSecurityAlert(runtime, {
    user: args.user,
    event: { kind: 'passkey_removed', name: removed.name },
    meta: args.meta,
    target: args.signIn,
  })
  return removed
}
