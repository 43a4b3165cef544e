import 'server-only'
import { eq } from 'drizzle-orm'
import type { JWK } from 'jose'
import type { Db } from '@/db/client'
import { registry } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import { NO_REQUEST, SYSTEM_ACTOR } from '@/lib/audit/types'
import { FILE_LINK_TTL_SECONDS, MFA_PENDING_TTL_SECONDS } from '@/lib/auth/token-lifetimes'
import type { Config } from '@/lib/config'
import type { MasterKey } from './master-key'
import { putPlain, putSealed, readSealed } from './registry'
import {
  generatePrivateJwk,
  publicJwkOf,
  publicPart,
  type RetiredKey,
  retiredKeysName,
  signingKeyMadeAtName,
  signingKeyName,
} from './signing-keys'

export class SigningKeyRotationError extends Error {
  override name = 'SigningKeyRotationError'
}

// Instances notice a new signer within 30 s (lib/crypto/signing-keys.ts); until then they may still
// sign with the old key. A minute of clock skew on top.
const FOLLOW_AND_SKEW_SECONDS = 30 + 60

/** The longest a token signed by the key can stay valid: access tokens, download links, the 2FA step. */
export function longestTokenSeconds(config: Pick<Config, 'jwt'>): number {
  return Math.max(config.jwt.accessTokenTtl, FILE_LINK_TTL_SECONDS, MFA_PENDING_TTL_SECONDS) + FOLLOW_AND_SKEW_SECONDS
}

/**
 * Makes a new key the signer. The old one's private part is gone at once; its public part stays
 * in the JWKS (and verifies) until every token it could have signed has expired. Retired public
 * keys are kept after that, to check audit checkpoints signed before the rotation. One rotation at
 * a time: the signer's registry row is locked for the transaction, which is audited.
 */
export async function rotateSigningKey(db: Db, masterKey: MasterKey, config: Pick<Config, 'jwt'>) {
  const alg = config.jwt.algorithm
  if (alg === 'HS256' || config.jwt.privateKeyPath) {
    throw new SigningKeyRotationError(
      alg === 'HS256'
        ? 'JWT_ALGORITHM=HS256 has one shared secret and no published keys; set a new JWT_SECRET to replace it (every token signed with the old one stops working)'
        : 'the signing key comes from JWT_PRIVATE_KEY_PATH; Gatehouse rotates only keys it keeps in its registry',
    )
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(registry)
      .where(eq(registry.name, signingKeyName(alg)))
      .for('update')
    if (!row) throw new SigningKeyRotationError(`there is no ${alg} signing key yet: start the server once first`)
    const current = JSON.parse((await readSealed(tx, masterKey, signingKeyName(alg)))!) as JWK
    const old = await publicJwkOf(alg, publicPart(current))
    const next = await generatePrivateJwk(alg)
    const nextKid = (await publicJwkOf(alg, publicPart(JSON.parse(next) as JWK))).kid
    const now = new Date()
    const publishedUntil = new Date(now.getTime() + longestTokenSeconds(config) * 1000)
    const stored = await readSealed(tx, masterKey, retiredKeysName(alg))
    const retired: RetiredKey[] = [
      { jwk: old, retiredAt: now.toISOString(), publishedUntil: publishedUntil.toISOString() },
      ...(stored ? (JSON.parse(stored) as RetiredKey[]) : []),
    ]
    await putSealed(tx, masterKey, retiredKeysName(alg), JSON.stringify(retired))
    await putSealed(tx, masterKey, signingKeyName(alg), next)
    await putPlain(tx, signingKeyMadeAtName(alg), now.toISOString())
    await recordAudit(tx, {
      action: 'keys.signing.rotate',
      actor: SYSTEM_ACTOR,
      target: { type: 'signing_key', id: nextKid },
      meta: NO_REQUEST,
      details: { alg, from: old.kid, to: nextKid, old_key_published_until: publishedUntil.toISOString() },
    })
    return { alg, from: old.kid, to: nextKid, oldKeyPublishedUntil: publishedUntil }
  })
}
