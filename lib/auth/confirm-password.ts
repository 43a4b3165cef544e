import 'server-only'
import { recordAuditAlone } from '@/lib/audit/record-audit'
import type { RequestMeta } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import { limitSignIn } from '@/lib/ratelimit/limit-sign-in'
import type { Runtime } from '@/lib/runtime'
import { findUserById } from '@/lib/users/queries'
import { verifyPassword } from './password'

interface ConfirmPasswordArgs {
  userId: string
  password: string
  /** The form field the error belongs to, and names the password in it (current_password). */
  field: string
  /** The audit action that records a wrong password (as a failure). */
  action: string
  meta: RequestMeta
}

/**
 * A signed-in user re-enters their password before a change an intruder with a borrowed session
 * must not make. Checked under the sign-in limits, so the session cannot be used to guess at it.
 */
export async function confirmPassword(runtime: Runtime, args: ConfirmPasswordArgs) {
  const user = await findUserById(runtime.db, args.userId)
  if (!user) throw new AppError('invalid_credentials', 'Sign in again.')
  await limitSignIn(runtime, args.meta, user.email)
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, args.password)).ok) {
    const actor = { type: 'user' as const, id: user.id, email: user.email }
    await recordAuditAlone(runtime.db, {
      action: args.action,
      outcome: 'failure',
      actor,
      target: { type: 'user', id: user.id },
      meta: args.meta,
      details: { reason: 'wrong_password' },
    })
    const message = `The ${args.field.replaceAll('_', ' ')} is not correct`
    throw new AppError('invalid_credentials', message, [{ path: args.field, message: `${message}.` }])
  }
  return user
}

/**
 * For a change to the second factor: the current password when the account has one (an account
 * signed up through SSO may have none, and then confirms nothing here). Missing: 422 on `field`.
 */
export async function confirmPasswordIfSet(
  runtime: Runtime,
  args: Omit<ConfirmPasswordArgs, 'password'> & { password?: string },
) {
  const user = await findUserById(runtime.db, args.userId)
  if (!user) throw new AppError('invalid_credentials', 'Sign in again.')
  if (!user.passwordHash) {
    await limitSignIn(runtime, args.meta, user.email)
    return user
  }
  if (!args.password)
    throw new AppError('validation_failed', 'Enter your current password', [
      { path: args.field, message: 'Enter your current password to confirm this change.' },
    ])
  return confirmPassword(runtime, { ...args, password: args.password })
}
