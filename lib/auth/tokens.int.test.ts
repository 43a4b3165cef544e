/**
 * Attacks on bearer tokens: forged (alg none, another key), misdirected (other audience or
 * issuer), stale (expired), and stolen refresh tokens replayed after the owner used them.
 */

import { eq } from 'drizzle-orm'
import { generateKeyPair, SignJWT } from 'jose'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { auditLog, refreshTokens } from '@/db/schema'
import { seedUser, TEST_META, TEST_PASSWORD } from '@/lib/testing/fixtures'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { ACCESS_TOKEN_AUDIENCE, verifyAccessToken } from './access-tokens'
import { authenticateRequest } from './authenticate-request'
import { revokeRefreshFamily, rotateRefreshToken } from './refresh-tokens'
import { issueTokensForPassword } from './sign-in'

describe('access and refresh tokens', () => {
  let t: TestRuntime
  beforeEach(async () => {
    t = await createTestRuntime()
  })
  afterEach(() => t.cleanup())

  const signIn = async () => {
    const user = await seedUser(t.runtime)
    return {
      user,
      pair: await issueTokensForPassword(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: TEST_META }),
    }
  }
  const settings = () => ({ keys: t.runtime.signingKeys, issuer: t.runtime.config.appUrl })
  const bearer = (token: string) =>
    authenticateRequest(t.runtime, { authorization: `Bearer ${token}`, cookie: () => undefined })
  /** A token signed with the instance's key, issued and expiring at the given unix seconds. */
  const signOurs = (userId: string, issuedAt: number, expiresAt: number) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: t.runtime.signingKeys.kid })
      .setIssuer(t.runtime.config.appUrl)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setSubject(userId)
      .setJti('j')
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(t.runtime.signingKeys.signKey)
  const rotate = (token: string) => rotateRefreshToken(t.runtime.db, { token, ttlSeconds: 3600, meta: TEST_META })

  it('issues an ES256 access token with the claims API.md names, and a refresh token stored as a hash', async () => {
    const { user, pair } = await signIn()
    expect(pair).toMatchObject({ token_type: 'Bearer', expires_in: 900, refresh_expires_in: 7 * 86400 })
    const [header, payload] = pair.access_token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()))
    expect(header).toMatchObject({ alg: 'ES256', kid: t.runtime.signingKeys.kid })
    expect(payload).toMatchObject({ iss: t.runtime.config.appUrl, aud: 'gatehouse', sub: user.id })
    expect(payload.exp - payload.iat).toBe(900)
    expect(payload.jti).toBeTruthy()
    const [row] = await t.runtime.db.select().from(refreshTokens)
    expect(JSON.stringify(row)).not.toContain(pair.refresh_token)
    expect(await bearer(pair.access_token)).toMatchObject({ type: 'user', via: 'access_token', user: { id: user.id } })
  })

  it('refuses alg none, another key, another audience or issuer with invalid_token', async () => {
    const { user } = await signIn()
    const claims = { sub: user.id, jti: 'j' }
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
      JSON.stringify({
        ...claims,
        iss: t.runtime.config.appUrl,
        aud: ACCESS_TOKEN_AUDIENCE,
        iat: Math.floor(Date.now() / 1000),
        exp: Math.floor(Date.now() / 1000) + 60,
      }),
    ).toString('base64url')}.`
    const { privateKey: otherKey } = await generateKeyPair('ES256')
    const sign = (key: CryptoKey | Uint8Array, audience: string, issuer: string) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: t.runtime.signingKeys.kid })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(key)
    const forged = [
      unsigned,
      await sign(otherKey, ACCESS_TOKEN_AUDIENCE, t.runtime.config.appUrl),
      await sign(t.runtime.signingKeys.signKey, 'another-service', t.runtime.config.appUrl),
      await sign(t.runtime.signingKeys.signKey, ACCESS_TOKEN_AUDIENCE, 'https://evil.example'),
      'not-a-jwt',
    ]
    for (const token of forged)
      await expect(verifyAccessToken(settings(), token)).rejects.toMatchObject({ code: 'invalid_token', status: 401 })
  })

  it('checks a reused token against its expiry and a tampered copy against its signature', async () => {
    const { user } = await signIn()
    const now = Math.floor(Date.now() / 1000)
    const shortLived = await signOurs(user.id, now, now + 30)
    expect(await verifyAccessToken(settings(), shortLived)).toMatchObject({ userId: user.id })
    expect(await verifyAccessToken(settings(), shortLived)).toMatchObject({ userId: user.id })
    const [header, payload, signature] = shortLived.split('.')
    const otherUser = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'someone-else' }),
    ).toString('base64url')
    await expect(verifyAccessToken(settings(), `${header}.${otherUser}.${signature}`)).rejects.toMatchObject({
      code: 'invalid_token',
    })
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime((now + 31) * 1000)
      await expect(verifyAccessToken(settings(), shortLived)).rejects.toMatchObject({
        code: 'token_expired',
        status: 401,
      })
    } finally {
      vi.useRealTimers()
    }
  })

  it('refuses an expired access token with token_expired', async () => {
    const { user } = await signIn()
    const expired = await signOurs(user.id, Math.floor(Date.now() / 1000) - 3600, Math.floor(Date.now() / 1000) - 60)
    await expect(bearer(expired)).rejects.toMatchObject({ code: 'token_expired', status: 401 })
  })

  it('rotates refresh tokens: each is spent once and the new pair works', async () => {
    const { user, pair } = await signIn()
    const first = await rotate(pair.refresh_token)
    expect(first.userId).toBe(user.id)
    expect(first.refresh.token).not.toBe(pair.refresh_token)
    const second = await rotate(first.refresh.token)
    expect(second.refresh.familyId).toBe(first.refresh.familyId)
    expect(await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'auth.token.refresh'))).toHaveLength(2)
  })

  it('revokes the whole family, the newest token included, when a spent token comes back', async () => {
    const { pair } = await signIn()
    const next = await rotate(pair.refresh_token)
    await expect(rotate(pair.refresh_token)).rejects.toMatchObject({ code: 'token_reused', status: 401 })
    await expect(rotate(next.refresh.token)).rejects.toMatchObject({ code: 'invalid_token' })
    await expect(bearer(pair.access_token)).rejects.toMatchObject({ code: 'invalid_token' })
    const rows = await t.runtime.db.select().from(refreshTokens)
    expect(rows.every((row) => row.revokedAt !== null)).toBe(true)
    const [detected] = await t.runtime.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'auth.token.reuse_detected'))
    expect(detected).toMatchObject({ outcome: 'failure', targetId: next.refresh.familyId })
  })

  it('refuses an expired refresh token with token_expired and an unknown one with invalid_token', async () => {
    const { pair } = await signIn()
    await t.runtime.db.update(refreshTokens).set({ expiresAt: new Date(Date.now() - 1000) })
    await expect(rotate(pair.refresh_token)).rejects.toMatchObject({ code: 'token_expired' })
    await expect(rotate('ghr_unknown')).rejects.toMatchObject({ code: 'invalid_token' })
  })

  it('logout revokes the family and ends its access tokens at once', async () => {
    const { pair } = await signIn()
    await revokeRefreshFamily(t.runtime.db, { token: pair.refresh_token, meta: TEST_META })
    await expect(rotate(pair.refresh_token)).rejects.toMatchObject({ code: 'invalid_token' })
    await expect(bearer(pair.access_token)).rejects.toMatchObject({ code: 'invalid_token' })
    expect(await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'auth.logout'))).toHaveLength(1)
    await revokeRefreshFamily(t.runtime.db, { token: pair.refresh_token, meta: TEST_META })
  })
})
