import 'server-only'
import { desc, eq } from 'drizzle-orm'
import { jwtVerify, SignJWT } from 'jose'
import { auditLog } from '@/db/schema'
import { AppError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import { GENESIS_HASH } from './chain'
import { type ChainVerdict, verifyAuditChain } from './verify-audit-chain'

// A checkpoint is signed for this one use: no access token or file link can pass for one.
const AUDIENCE = 'gatehouse-audit-checkpoint'

export interface Checkpoint {
  seq: number
  hash: string
  at: string
  signature: string
}

/**
 * The chain head (last seq and hash) signed with the instance's signing key. Kept outside the
 * database, it proves later that nothing up to it was cut off the end of the log: deleting the
 * tail and letting new events grow a different one both fail `verify?checkpoint=`.
 */
export async function signCheckpoint(runtime: Runtime): Promise<Checkpoint> {
  const [head] = await runtime.db
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1)
  const { seq, hash } = head ?? { seq: 0, hash: GENESIS_HASH }
  const at = new Date()
  const keys = runtime.signingKeys
  const signer = keys.signer
  const signature = await new SignJWT({ seq, hash })
    .setProtectedHeader({ alg: keys.alg, kid: signer.kid, typ: 'gatehouse-audit-checkpoint+jwt' })
    .setIssuer(runtime.config.appUrl)
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor(at.getTime() / 1000))
    .sign(signer.key)
  return { seq, hash, at: at.toISOString(), signature }
}

async function readCheckpoint(runtime: Runtime, signature: string): Promise<{ seq: number; hash: string }> {
  const refused = new AppError('validation_failed', 'The checkpoint is not valid', [
    { path: 'query.checkpoint', message: 'Pass a checkpoint signature this instance made, unchanged.' },
  ])
  try {
    // A checkpoint carries no expiry: one signed before a rotation still verifies with its retired key.
    const { payload } = await jwtVerify(
      signature,
      (header) => runtime.signingKeys.keyFor(header, { anyRetired: true }),
      {
        algorithms: [runtime.signingKeys.alg],
        issuer: runtime.config.appUrl,
        audience: AUDIENCE,
      },
    )
    const { seq, hash } = payload
    if (!Number.isSafeInteger(seq) || (seq as number) < 0 || typeof hash !== 'string') throw refused
    return { seq: seq as number, hash }
  } catch {
    throw refused
  }
}

export type VerifyVerdict = ChainVerdict & { reason?: 'broken' | 'truncated' | 'altered' }

/**
 * The whole chain's verdict and, given a checkpoint, whether the row it names is still there with
 * the hash it had: `truncated` when the log no longer reaches it, `altered` when another row stands
 * in its place.
 */
export async function verifyAuditLog(runtime: Runtime, checkpoint?: string): Promise<VerifyVerdict> {
  const claimed = checkpoint ? await readCheckpoint(runtime, checkpoint) : undefined
  const chain = await verifyAuditChain(runtime.db)
  if (!chain.ok) return { ...chain, reason: 'broken' }
  if (!claimed || claimed.seq === 0) return chain
  const [row] = await runtime.db
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.seq, claimed.seq))
    .limit(1)
  if (!row) return { ok: false, checked: chain.checked, reason: 'truncated' }
  if (row.hash !== claimed.hash) return { ok: false, checked: chain.checked, reason: 'altered' }
  return chain
}
