import 'server-only'
import { and, eq, inArray, isNull, lt, or } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { recoveryCodes, totpCredentials } from '@/db/schema'
import { recordAudit, recordAuditAlone } from '@/lib/audit/record-audit'
import type { RequestMeta } from '@/lib/audit/types'
import { hashRecoveryCode, legacyRecoveryCodeHash } from '@/lib/auth/recovery-codes'
import { checkTotpCode } from '@/lib/auth/totp'
import type { MasterKey } from '@/lib/crypto/master-key'
import { openTotpSecret } from '@/lib/crypto/totp-secret'
import { AppError } from '@/lib/errors'
import { metrics } from '@/lib/metrics/registry'
import type { Runtime } from '@/lib/runtime'
import { findTotpCredential } from './queries'

export interface SecondFactor {
  totpCode?: string
  recoveryCode?: string
}

type Method = 'totp' | 'recovery_code'

/** Accepts a TOTP code of the user's enabled app once: it moves last_time_step past the code's step. */
export async function spendTotpCode(db: Db, masterKey: MasterKey, userId: string, code: string): Promise<boolean> {
  const credential = await findTotpCredential(db, userId)
  if (!credential?.enabledAt) return false
  const secret = openTotpSecret(masterKey, credential)
  const check = await checkTotpCode(secret, code, credential.lastTimeStep)
  if (!check.valid) return false
  // Two requests racing with the same code: only the one that moves last_time_step forward wins.
  const moved = await db
    .update(totpCredentials)
    .set({ lastTimeStep: check.timeStep })
    .where(
      and(
        eq(totpCredentials.userId, userId),
        or(isNull(totpCredentials.lastTimeStep), lt(totpCredentials.lastTimeStep, check.timeStep)),
      ),
    )
    .returning({ userId: totpCredentials.userId })
  return moved.length === 1
}

async function acceptRecoveryCode(
  db: Db,
  key: Buffer,
  user: { id: string; email: string },
  code: string,
  meta: RequestMeta,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(recoveryCodes)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(recoveryCodes.userId, user.id),
          inArray(recoveryCodes.codeHash, [hashRecoveryCode(key, code), legacyRecoveryCodeHash(code)]),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ id: recoveryCodes.id })
    if (!used) return false
    await recordAudit(tx, {
      action: 'auth.mfa.recovery_used',
      actor: { type: 'user', id: user.id, email: user.email },
      target: { type: 'user', id: user.id },
      meta,
    })
    return true
  })
}

/**
 * The second step of a sign-in: a TOTP code never accepted before, or an unused recovery code
 * (spent by this call). A wrong one is audited as a failed sign-in and answers invalid_mfa_code.
 */
export async function verifySecondFactor(
  runtime: Pick<Runtime, 'db' | 'masterKey' | 'recoveryCodeKey'>,
  args: { user: { id: string; email: string }; factor: SecondFactor; meta: RequestMeta },
): Promise<Method> {
  const { db, masterKey } = runtime
  const { factor, user } = args
  const method: Method = factor.recoveryCode ? 'recovery_code' : 'totp'
  const accepted = factor.recoveryCode
    ? await acceptRecoveryCode(db, runtime.recoveryCodeKey, user, factor.recoveryCode, args.meta)
    : factor.totpCode
      ? await spendTotpCode(db, masterKey, user.id, factor.totpCode)
      : false
  if (accepted) return method
  metrics().authAttempts.inc({ status: 'failure', method })
  await recordAuditAlone(db, {
    action: 'auth.login',
    outcome: 'failure',
    actor: { type: 'user', id: user.id, email: user.email },
    target: { type: 'user', id: user.id },
    meta: args.meta,
    details: { method, reason: 'wrong_mfa_code' },
  })
  throw new AppError('invalid_mfa_code', 'The two-factor code is not correct', [
    {
      path: factor.recoveryCode ? 'recovery_code' : 'totp_code',
      message: factor.recoveryCode
        ? 'That recovery code is not valid or was already used.'
        : 'That code is not correct. Enter the current code from your app.',
    },
  ])
}
