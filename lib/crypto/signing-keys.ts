import 'server-only'
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  importPKCS8,
  importSPKI,
  type JWK,
} from 'jose'
import type { Executor } from '@/db/client'
import type { Config } from '@/lib/config'
import type { MasterKey } from './master-key'
import { ensureSealed } from './registry'

export type JwtAlgorithm = Config['jwt']['algorithm']

export interface SigningKeys {
  alg: JwtAlgorithm
  kid: string
  signKey: CryptoKey | Uint8Array
  verifyKey: CryptoKey | Uint8Array
  /** Public JWKs for /.well-known/jwks.json; empty under HS256. */
  jwks: JWK[]
  source: 'env' | 'file' | 'registry'
}

const PRIVATE_JWK_FIELDS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const

function publicPart(jwk: JWK): JWK {
  const copy: JWK = { ...jwk }
  for (const field of PRIVATE_JWK_FIELDS) delete (copy as Record<string, unknown>)[field]
  return copy
}

async function describePublic(alg: JwtAlgorithm, publicJwk: JWK) {
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256')
  return { kid, jwks: [{ ...publicJwk, kid, alg, use: 'sig' }] }
}

async function fromPemFiles(alg: JwtAlgorithm, privatePath: string, publicPath: string): Promise<SigningKeys> {
  const signKey = await importPKCS8(readFileSync(/* turbopackIgnore: true */ privatePath, 'utf8'), alg)
  const verifyKey = await importSPKI(readFileSync(/* turbopackIgnore: true */ publicPath, 'utf8'), alg, {
    extractable: true,
  })
  const { kid, jwks } = await describePublic(alg, await exportJWK(verifyKey))
  return { alg, kid, signKey, verifyKey, jwks, source: 'file' }
}

async function fromRegistry(db: Executor, masterKey: MasterKey, alg: JwtAlgorithm): Promise<SigningKeys> {
  const stored = await ensureSealed(db, masterKey, `jwt.signing_key.${alg}`, async () => {
    const options = alg === 'EdDSA' ? { crv: 'Ed25519', extractable: true } : { extractable: true }
    const { privateKey } = await generateKeyPair(alg, options)
    return JSON.stringify(await exportJWK(privateKey))
  })
  const privateJwk = JSON.parse(stored) as JWK
  const publicJwk = publicPart(privateJwk)
  const signKey = (await importJWK(privateJwk, alg)) as CryptoKey
  const verifyKey = (await importJWK(publicJwk, alg)) as CryptoKey
  const { kid, jwks } = await describePublic(alg, publicJwk)
  return { alg, kid, signKey, verifyKey, jwks, source: 'registry' }
}

async function hmacKeys(db: Executor, masterKey: MasterKey, envSecret: string | undefined): Promise<SigningKeys> {
  const secret =
    envSecret ?? (await ensureSealed(db, masterKey, 'jwt.hs256_secret', () => randomBytes(48).toString('base64url')))
  const key = new TextEncoder().encode(secret)
  const kid = `hs256-${createHash('sha256').update('kid\0').update(key).digest('hex').slice(0, 16)}`
  return { alg: 'HS256', kid, signKey: key, verifyKey: key, jwks: [], source: envSecret ? 'env' : 'registry' }
}

/** JWT signing keys: JWT_SECRET / PEM files from config → registry → generated and stored sealed. */
export async function resolveSigningKeys(db: Executor, masterKey: MasterKey, jwt: Config['jwt']): Promise<SigningKeys> {
  if (jwt.algorithm === 'HS256') return hmacKeys(db, masterKey, jwt.secret)
  if (jwt.privateKeyPath && jwt.publicKeyPath) return fromPemFiles(jwt.algorithm, jwt.privateKeyPath, jwt.publicKeyPath)
  return fromRegistry(db, masterKey, jwt.algorithm)
}

/** The Auth.js secret: AUTH_SECRET → registry → generated. */
export async function resolveAuthSecret(
  db: Executor,
  masterKey: MasterKey,
  fromConfig: string | undefined,
): Promise<string> {
  return fromConfig ?? ensureSealed(db, masterKey, 'authjs.secret', () => randomBytes(32).toString('base64url'))
}

/**
 * The key of the recovery codes' keyed hash, sealed in the registry: a stolen database alone does
 * not let anyone test guesses at the 50-bit codes offline.
 */
export async function resolveRecoveryCodeKey(db: Executor, masterKey: MasterKey): Promise<Buffer> {
  const key = await ensureSealed(db, masterKey, 'recovery_codes.key', () => randomBytes(32).toString('base64'))
  return Buffer.from(key, 'base64')
}
