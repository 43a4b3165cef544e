/**
 * `npm run keys:rotate-signing`: a new key signs; instances booted before the rotation follow it;
 * the old key verifies, and stays in the JWKS, until every token it signed has expired, then no
 * token of it is accepted (a stolen old key is worth nothing after that).
 */
import { eq } from 'drizzle-orm'
import { SignJWT } from 'jose'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { auditLog } from '@/db/schema'
import { signCheckpoint, verifyAuditLog } from '@/lib/audit/checkpoint'
import { ACCESS_TOKEN_AUDIENCE, signAccessToken, verifyAccessToken } from '@/lib/auth/access-tokens'
import type { Runtime } from '@/lib/runtime'
import { boot } from '@/lib/runtime/boot'
import { createTestRuntime, type TestRuntime, testConfig } from '@/lib/testing/runtime'
import { readSealed } from './registry'
import { longestTokenSeconds, rotateSigningKey, SigningKeyRotationError } from './rotate-signing-key'
import { retiredKeysName } from './signing-keys'

describe('signing-key rotation', () => {
  let t: TestRuntime
  beforeEach(async () => {
    t = await createTestRuntime()
  })
  afterEach(() => {
    vi.useRealTimers()
    return t.cleanup()
  })

  /** Another instance on the same database and master key, booted now. */
  const anotherInstance = () =>
    boot({ config: t.runtime.config, database: t.runtime.database, skipFirstRun: true }) as Promise<Runtime>
  const accessToken = (runtime: Runtime, user = 'user-1') =>
    signAccessToken({ keys: runtime.signingKeys, issuer: runtime.config.appUrl, ttlSeconds: 900 }, user)
  const verify = (runtime: Runtime, token: string) =>
    verifyAccessToken({ keys: runtime.signingKeys, issuer: runtime.config.appUrl }, token)
  const kidsIn = (runtime: Runtime) => runtime.signingKeys.jwks.map((jwk) => jwk.kid)

  it('makes a new key the signer everywhere, and keeps the old one only while its tokens can live', async () => {
    const before = t.runtime
    const oldKid = before.signingKeys.kid
    const oldKey = before.signingKeys.signer.key
    const oldToken = await accessToken(before)
    const checkpoint = await signCheckpoint(before)
    // What a thief of the old private key could mint: a token that would outlive the key's window.
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: oldKid, typ: 'at+jwt' })
      .setIssuer(before.config.appUrl)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setSubject('user-1')
      .setIssuedAt()
      .setExpirationTime('30d')
      .setJti('forged')
      .sign(oldKey)

    const rotated = await rotateSigningKey(t.runtime.db, t.runtime.masterKey, t.runtime.config)
    expect(rotated).toMatchObject({ alg: 'ES256', from: oldKid })
    expect(rotated.to).not.toBe(oldKid)
    const windowMs = longestTokenSeconds(t.runtime.config) * 1000
    expect(rotated.oldKeyPublishedUntil.getTime() - Date.now()).toBeGreaterThan(windowMs - 5000)

    const after = await anotherInstance()
    expect(after.signingKeys.kid).toBe(rotated.to)
    expect(kidsIn(after)).toEqual([rotated.to, oldKid])
    const newToken = await accessToken(after, 'user-2')
    // Both instances take both tokens: the old one looks again when it meets a kid it has not seen.
    expect(await verify(after, oldToken)).toMatchObject({ userId: 'user-1' })
    expect(await verify(before, newToken)).toMatchObject({ userId: 'user-2' })
    expect(before.signingKeys.kid).toBe(rotated.to)

    // The old private key is gone from the database: only its public part is kept.
    const retired = await readSealed(t.runtime.db, t.runtime.masterKey, retiredKeysName('ES256'))
    expect(JSON.parse(retired!)).toEqual([
      expect.objectContaining({ jwk: expect.not.objectContaining({ d: expect.anything() }) }),
    ])
    const [audit] = await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'keys.signing.rotate'))
    expect(audit).toMatchObject({ actorType: 'system', targetId: rotated.to })
    expect(audit.meta).toMatchObject({ alg: 'ES256', from: oldKid, to: rotated.to })

    // Past the window: the old key has left the JWKS and verifies nothing, not even a long-lived forgery.
    expect(await verify(after, forged)).toMatchObject({ userId: 'user-1' })
    vi.useFakeTimers({ toFake: ['Date'], now: rotated.oldKeyPublishedUntil.getTime() + 1000 })
    const later = await anotherInstance()
    expect(kidsIn(later)).toEqual([rotated.to])
    await expect(verify(later, forged)).rejects.toMatchObject({ code: 'invalid_token' })
    await expect(verify(later, oldToken)).rejects.toMatchObject({ code: 'invalid_token' })
    // An audit checkpoint has no expiry: one signed before the rotation still checks out.
    expect(await verifyAuditLog(later, checkpoint.signature)).toMatchObject({ ok: true })
  })

  it('an instance booted before the rotation signs with the new key within 30 seconds', async () => {
    const before = t.runtime
    const oldKid = before.signingKeys.kid
    const rotated = await rotateSigningKey(t.runtime.db, t.runtime.masterKey, t.runtime.config)
    expect(before.signingKeys.kid).toBe(oldKid)
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 31_000 })
    await vi.waitFor(() => expect(before.signingKeys.signer.kid).toBe(rotated.to))
  })

  it('rotates one at a time, and refuses keys it does not keep', async () => {
    const [first, second] = await Promise.all(
      [1, 2].map(() => rotateSigningKey(t.runtime.db, t.runtime.masterKey, t.runtime.config)),
    )
    // Serialized by the row lock: whichever ran second retired the key the first made.
    expect(first.from === second.to || second.from === first.to).toBe(true)
    expect(first.from).not.toBe(second.from)
    const retired = JSON.parse((await readSealed(t.runtime.db, t.runtime.masterKey, retiredKeysName('ES256')))!)
    expect(retired).toHaveLength(2)
    expect(new Set(retired.map((entry: { jwk: { kid: string } }) => entry.jwk.kid)).size).toBe(2)

    const hs256 = testConfig({ ...t.env, JWT_ALGORITHM: 'HS256' })
    await expect(rotateSigningKey(t.runtime.db, t.runtime.masterKey, hs256)).rejects.toThrow(SigningKeyRotationError)
    const files = testConfig({ ...t.env, JWT_PRIVATE_KEY_PATH: '/etc/k.pem', JWT_PUBLIC_KEY_PATH: '/etc/p.pem' })
    await expect(rotateSigningKey(t.runtime.db, t.runtime.masterKey, files)).rejects.toThrow(
      'the signing key comes from JWT_PRIVATE_KEY_PATH',
    )
  })
})
