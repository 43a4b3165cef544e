import 'server-only'
import type { Db } from '@/db/client'
import type { User } from '@/db/schema'
import { recordAuditAlone } from '@/lib/audit/record-audit'
import type { RequestMeta } from '@/lib/audit/types'
import { accountDisabled } from '@/lib/auth/account-disabled'
import { AppError } from '@/lib/errors'
import { metrics } from '@/lib/metrics/registry'
import { findUserByEmail } from '@/lib/users/queries'
import { burnPasswordCheck, hashPassword, verifyPassword } from './password'

/** Who signed in, by password or otherwise. */
export interface SignedIn {
  user: User
  /** A fresh argon2id hash when the stored password hash was bcrypt or had old parameters. */
  rehash?: string
}

/**
 * Checks an e-mail and password. Every failure is audited (auth.login, failure) and answers the same
 * invalid_credentials, whether the e-mail is unknown or the password wrong.
 */
export async function checkPassword(
  db: Db,
  args: { email: string; password: string; meta: RequestMeta; kind: 'browser' | 'api' },
): Promise<SignedIn> {
  const email = args.email.trim().toLowerCase()
  const user = await findUserByEmail(db, email)
  const fail = async (reason: string, code: 'invalid_credentials' | 'account_disabled' = 'invalid_credentials') => {
    metrics().authAttempts.inc({ status: 'failure', method: 'password' })
    await recordAuditAlone(db, {
      action: 'auth.login',
      outcome: 'failure',
      actor: user ? { type: 'user', id: user.id, email: user.email } : { type: 'anonymous', email },
      target: user ? { type: 'user', id: user.id } : undefined,
      meta: args.meta,
      details: { method: 'password', kind: args.kind, reason },
    })
    return code === 'account_disabled'
      ? accountDisabled()
      : new AppError('invalid_credentials', 'The e-mail address or password is incorrect.')
  }
  if (!user?.passwordHash) {
    await burnPasswordCheck(args.password)
    throw await fail(user ? 'no_password' : 'unknown_user')
  }
  const check = await verifyPassword(user.passwordHash, args.password)
  if (!check.ok) throw await fail('wrong_password')
  if (user.disabledAt) throw await fail('disabled', 'account_disabled')
  metrics().authAttempts.inc({ status: 'success', method: 'password' })
  return { user, rehash: check.needsRehash ? await hashPassword(args.password) : undefined }
}
