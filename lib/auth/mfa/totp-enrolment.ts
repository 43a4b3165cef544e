import 'server-only'
import { and, eq, isNull } from 'drizzle-orm'
import { recoveryCodes, totpCredentials } from '@/db/schema'
import { recordAudit, recordAuditAlone } from '@/lib/audit/record-audit'
import type { RequestMeta } from '@/lib/audit/types'
import { confirmPassword, confirmPasswordIfSet } from '@/lib/auth/confirm-password'
import { hashRecoveryCode, newRecoveryCodes } from '@/lib/auth/recovery-codes'
import { checkTotpCode, newTotpSecret, totpUrl } from '@/lib/auth/totp'
import { openTotpSecret, sealTotpSecret } from '@/lib/crypto/totp-secret'
import { AppError } from '@/lib/errors'
import type { MailTokenTarget } from '@/lib/notify/mail-tokens'
import { raiseSecurityAlert } from '@/lib/notify/security-alerts'
import { countingFailures } from '@/lib/ratelimit/sign-in-failures'
import type { Runtime } from '@/lib/runtime'
import { findTotpCredential } from './queries'
import { spendTotpCode } from './verify-second-factor'

interface MfaUser {
  id: string
  email: string
}

const wrongCode = (field = 'code') =>
  new AppError('invalid_mfa_code', 'The code is not correct', [
    { path: field, message: 'That code is not correct. Enter the current code from your app.' },
  ])

/** A new, not yet enabled secret for the user's authenticator app; replaces an unconfirmed one. */
export async function startTotpSetup(runtime: Runtime, user: MfaUser) {
  const existing = await findTotpCredential(runtime.db, user.id)
  if (existing?.enabledAt)
    throw new AppError('conflict', 'Two-factor sign-in is already on; turn it off first to move it to another app')
  const secret = newTotpSecret()
  const sealed = sealTotpSecret(runtime.masterKey, user.id, secret)
  const values = {
    secretNonce: sealed.nonce,
    secretCiphertext: sealed.ciphertext,
    keyId: sealed.keyId,
    enabledAt: null,
    lastTimeStep: null,
  }
  await runtime.db
    .insert(totpCredentials)
    .values({ userId: user.id, ...values })
    .onConflictDoUpdate({ target: totpCredentials.userId, set: values })
  return { secret, otpauthUrl: totpUrl(runtime.config.totpIssuer, user.email, secret) }
}

/**
 * Confirms the app with a code and the current password (a borrowed session must not be able to
 * put its own authenticator on the account): two-factor is on, and ten recovery codes are
 * returned, once.
 */
export async function enableTotp(
  runtime: Runtime,
  args: { user: MfaUser; code: string; password?: string; meta: RequestMeta; signIn?: MailTokenTarget },
): Promise<string[]> {
  await confirmPasswordIfSet(runtime, {
    userId: args.user.id,
    password: args.password,
    field: 'password',
    action: 'auth.mfa.enable',
    meta: args.meta,
  })
  const credential = await findTotpCredential(runtime.db, args.user.id)
  if (!credential || credential.enabledAt)
    throw new AppError(
      'conflict',
      credential ? 'Two-factor sign-in is already on' : 'Start the set-up first: POST /api/v1/auth/mfa/totp/setup',
    )
  const secret = openTotpSecret(runtime.masterKey, credential)
  const check = await checkTotpCode(secret, args.code, null)
  if (!check.valid) throw wrongCode()
  const codes = newRecoveryCodes()
  await runtime.db.transaction(async (tx) => {
    const [enabled] = await tx
      .update(totpCredentials)
      .set({ enabledAt: new Date(), lastTimeStep: check.timeStep })
      .where(and(eq(totpCredentials.userId, args.user.id), isNull(totpCredentials.enabledAt)))
      .returning({ userId: totpCredentials.userId })
    if (!enabled) throw new AppError('conflict', 'Two-factor sign-in is already on')
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, args.user.id))
    await tx
      .insert(recoveryCodes)
      .values(
        codes.map((code) => ({ userId: args.user.id, codeHash: hashRecoveryCode(runtime.recoveryCodeKey, code) })),
      )
    await recordAudit(tx, {
      action: 'auth.mfa.enable',
      actor: { type: 'user', ...args.user },
      target: { type: 'user', id: args.user.id },
      meta: args.meta,
      details: { method: 'totp' },
    })
  })
  raiseSecurityAlert(runtime, {
    user: args.user,
    event: { kind: 'totp_enabled' },
    meta: args.meta,
    target: args.signIn,
  })
  return codes
}

/** Turning two-factor off needs the password and a current code, so a borrowed session cannot. */
export async function disableTotp(
  runtime: Runtime,
  args: { user: MfaUser; password: string; code: string; meta: RequestMeta; signIn?: MailTokenTarget },
) {
  const credential = await findTotpCredential(runtime.db, args.user.id)
  if (!credential?.enabledAt) throw new AppError('conflict', 'Two-factor sign-in is not on')
  await confirmPassword(runtime, {
    userId: args.user.id,
    password: args.password,
    field: 'password',
    action: 'auth.mfa.disable',
    meta: args.meta,
  })
  // The code is spent like a sign-in's (a code seen once is dead), and a wrong one counts towards
  // the account's delay and the address's block, so a session cannot be used to guess codes.
  await countingFailures(runtime, args.meta, args.user.email, async () => {
    if (await spendTotpCode(runtime.db, runtime.masterKey, args.user.id, args.code)) return
    await recordAuditAlone(runtime.db, {
      action: 'auth.mfa.disable',
      outcome: 'failure',
      actor: { type: 'user', ...args.user },
      target: { type: 'user', id: args.user.id },
      meta: args.meta,
      details: { method: 'totp', reason: 'wrong_mfa_code' },
    })
    throw wrongCode()
  })
  await runtime.db.transaction(async (tx) => {
    await tx.delete(totpCredentials).where(eq(totpCredentials.userId, args.user.id))
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, args.user.id))
    await recordAudit(tx, {
      action: 'auth.mfa.disable',
      actor: { type: 'user', ...args.user },
      target: { type: 'user', id: args.user.id },
      meta: args.meta,
      details: { method: 'totp' },
    })
  })
  raiseSecurityAlert(runtime, {
    user: args.user,
    event: { kind: 'totp_disabled' },
    meta: args.meta,
    target: args.signIn,
  })
}
