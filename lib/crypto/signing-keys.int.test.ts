import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { signAccessToken, verifyAccessToken } from '@/lib/auth/access-tokens'
import { createMigratedDatabase } from '@/lib/testing/db'
import { keyIdOf } from './aead'
import { resolveAuthSecret, resolveSigningKeys } from './signing-keys'

const mk = () => {
  const key = randomBytes(32)
  return { key, keyId: keyIdOf(key), source: 'env' as const }
}
const jwtConfig = (
  algorithm: 'ES256' | 'RS256' | 'EdDSA' | 'HS256',
  extra: { secret?: string; privateKeyPath?: string; publicKeyPath?: string } = {},
) => ({
  algorithm,
  accessTokenTtl: 900,
  refreshTokenTtl: 3600,
  secret: undefined,
  privateKeyPath: undefined,
  publicKeyPath: undefined,
  ...extra,
})

describe('JWT signing keys', () => {
  let ctx: Awaited<ReturnType<typeof createMigratedDatabase>>
  beforeEach(async () => {
    ctx = await createMigratedDatabase()
  })
  afterEach(() => ctx.handle.drop())

  it.each(['ES256', 'RS256', 'EdDSA'] as const)(
    'generates %s once, stores it sealed, and resolves the same key after a restart',
    async (alg) => {
      const masterKey = mk()
      const first = await resolveSigningKeys(ctx.db, masterKey, jwtConfig(alg))
      const token = await signAccessToken({ keys: first, issuer: 'http://gh.test', ttlSeconds: 60 }, 'user-1')
      const second = await resolveSigningKeys(ctx.db, masterKey, jwtConfig(alg))
      expect(second.kid).toBe(first.kid)
      expect(second.source).toBe('registry')
      expect(await verifyAccessToken({ keys: second, issuer: 'http://gh.test' }, token)).toMatchObject({
        userId: 'user-1',
      })
      expect(first.jwks).toHaveLength(1)
      const [jwk] = first.jwks
      expect(jwk).toMatchObject({ kid: first.kid, alg, use: 'sig' })
      for (const privateField of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) expect(jwk).not.toHaveProperty(privateField)
    },
  )

  it('uses JWT_SECRET under HS256 and publishes no keys', async () => {
    const secret = 's'.repeat(40)
    const keys = await resolveSigningKeys(ctx.db, mk(), jwtConfig('HS256', { secret }))
    expect(keys).toMatchObject({ alg: 'HS256', source: 'env', jwks: [] })
    const token = await signAccessToken({ keys, issuer: 'i', ttlSeconds: 60 }, 'u')
    const other = await resolveSigningKeys(ctx.db, mk(), jwtConfig('HS256', { secret: 't'.repeat(40) }))
    await expect(verifyAccessToken({ keys: other, issuer: 'i' }, token)).rejects.toMatchObject({
      code: 'invalid_token',
    })
  })

  it('generates an HS256 secret into the registry when none is configured', async () => {
    const masterKey = mk()
    const first = await resolveSigningKeys(ctx.db, masterKey, jwtConfig('HS256'))
    const second = await resolveSigningKeys(ctx.db, masterKey, jwtConfig('HS256'))
    expect(first.source).toBe('registry')
    expect(second.kid).toBe(first.kid)
  })

  it('reads PEM key files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-pem-'))
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    writeFileSync(join(dir, 'private.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }))
    writeFileSync(join(dir, 'public.pem'), publicKey.export({ type: 'spki', format: 'pem' }))
    const keys = await resolveSigningKeys(
      ctx.db,
      mk(),
      jwtConfig('ES256', { privateKeyPath: join(dir, 'private.pem'), publicKeyPath: join(dir, 'public.pem') }),
    )
    expect(keys.source).toBe('file')
    const token = await signAccessToken({ keys, issuer: 'i', ttlSeconds: 60 }, 'u')
    expect((await verifyAccessToken({ keys, issuer: 'i' }, token)).userId).toBe('u')
  })

  it('resolves the Auth.js secret from config, else the registry, the same after a restart', async () => {
    const masterKey = mk()
    expect(await resolveAuthSecret(ctx.db, masterKey, 'a'.repeat(32))).toBe('a'.repeat(32))
    const generated = await resolveAuthSecret(ctx.db, masterKey, undefined)
    expect(generated.length).toBeGreaterThanOrEqual(32)
    expect(await resolveAuthSecret(ctx.db, masterKey, undefined)).toBe(generated)
  })
})
