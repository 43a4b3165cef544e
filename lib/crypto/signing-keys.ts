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
  type JWSHeaderParameters,
} from 'jose'
import type { Executor } from '@/db/client'
import type { Config } from '@/lib/config'
import type { MasterKey } from './master-key'
import { ensureSealed, putPlain, readSealed } from './registry'

export type JwtAlgorithm = Config['jwt']['algorithm']

type Key = CryptoKey | Uint8Array

export interface SigningKeys {
  alg: JwtAlgorithm
  /** The key that signs now, its kid and key read together. */
  signer: { kid: string; key: Key }
  kid: string
  signKey: Key
  verifyKey: Key
  /** Public JWKs for /.well-known/jwks.json: the signer's, and retired ones until their tokens expire; empty under HS256. */
  jwks: JWK[]
  source: 'env' | 'file' | 'registry'
  /**
   * For jwtVerify: the key a token's `kid` names, the signer's or a retired one still within its
   * tokens' lifetime. With `anyRetired`, also retired keys past it: for signatures that carry no
   * expiry (audit checkpoints).
   */
  keyFor(header: JWSHeaderParameters, options?: { anyRetired?: boolean }): Promise<Key>
}

/** A signing key taken out of service by a rotation: public part only, published until `publishedUntil`. */
export interface RetiredKey {
  jwk: JWK & { kid: string }
  retiredAt: string
  publishedUntil: string
}

export const signingKeyName = (alg: JwtAlgorithm) => `jwt.signing_key.${alg}`
export const retiredKeysName = (alg: JwtAlgorithm) => `jwt.retired_keys.${alg}`
/** When the registry's signer was made (ISO 8601, plain): the checklist asks for a rotation each quarter. */
export const signingKeyMadeAtName = (alg: JwtAlgorithm) => `jwt.signing_key.${alg}.made_at`

/** Thrown for a token whose kid names no key this instance knows, even after looking again. */
export class UnknownSigningKeyError extends Error {
  override name = 'UnknownSigningKeyError'
}

const PRIVATE_JWK_FIELDS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const

export function publicPart(jwk: JWK): JWK {
  const copy: JWK = { ...jwk }
  for (const field of PRIVATE_JWK_FIELDS) delete (copy as Record<string, unknown>)[field]
  return copy
}

export const publicJwkOf = async (alg: JwtAlgorithm, publicJwk: JWK) => {
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256')
  return { ...publicJwk, kid, alg, use: 'sig' }
}

export async function generatePrivateJwk(alg: Exclude<JwtAlgorithm, 'HS256'>): Promise<string> {
  const options = alg === 'EdDSA' ? { crv: 'Ed25519', extractable: true } : { extractable: true }
  const { privateKey } = await generateKeyPair(alg, options)
  return JSON.stringify(await exportJWK(privateKey))
}

/** The one key that signs and verifies, and nothing retired: keys from the environment or files. */
function singleKey(
  alg: JwtAlgorithm,
  kid: string,
  signKey: Key,
  verifyKey: Key,
  jwks: JWK[],
  source: SigningKeys['source'],
): SigningKeys {
  return {
    alg,
    signer: { kid, key: signKey },
    kid,
    signKey,
    verifyKey,
    jwks,
    source,
    keyFor: async (header) => {
      if (header.kid !== undefined && header.kid !== kid)
        throw new UnknownSigningKeyError(`no signing key ${header.kid}`)
      return verifyKey
    },
  }
}

async function fromPemFiles(alg: JwtAlgorithm, privatePath: string, publicPath: string): Promise<SigningKeys> {
  const signKey = await importPKCS8(readFileSync(/* turbopackIgnore: true */ privatePath, 'utf8'), alg)
  const verifyKey = await importSPKI(readFileSync(/* turbopackIgnore: true */ publicPath, 'utf8'), alg, {
    extractable: true,
  })
  const jwk = await publicJwkOf(alg, await exportJWK(verifyKey))
  return singleKey(alg, jwk.kid, signKey, verifyKey, [jwk], 'file')
}

async function readRetired(db: Executor, masterKey: MasterKey, alg: JwtAlgorithm): Promise<RetiredKey[]> {
  const stored = await readSealed(db, masterKey, retiredKeysName(alg))
  return stored ? (JSON.parse(stored) as RetiredKey[]) : []
}

/** The registry's signer and retired keys, as they are now. */
async function fromRegistry(db: Executor, masterKey: MasterKey, alg: Exclude<JwtAlgorithm, 'HS256'>) {
  let generated = false
  const stored = await ensureSealed(db, masterKey, signingKeyName(alg), () => {
    generated = true
    return generatePrivateJwk(alg)
  })
  if (generated) await putPlain(db, signingKeyMadeAtName(alg), new Date().toISOString(), { keep: true })
  const privateJwk = JSON.parse(stored) as JWK
  const publicJwk = await publicJwkOf(alg, publicPart(privateJwk))
  const retired = await readRetired(db, masterKey, alg)
  const verifiers = new Map<string, { key: Key; until: number }>()
  for (const entry of retired)
    verifiers.set(entry.jwk.kid, {
      key: (await importJWK(entry.jwk, alg)) as CryptoKey,
      until: new Date(entry.publishedUntil).getTime(),
    })
  const verifyKey = (await importJWK(publicPart(privateJwk), alg)) as CryptoKey
  verifiers.set(publicJwk.kid, { key: verifyKey, until: Number.POSITIVE_INFINITY })
  return {
    kid: publicJwk.kid,
    signKey: (await importJWK(privateJwk, alg)) as CryptoKey,
    verifyKey,
    retired,
    publicJwk,
    verifiers,
  }
}

// How often an instance looks for a rotation another one made, and at most how often a token with
// an unknown kid makes it look again (so forged kids cannot turn into a query each).
const REFRESH_MS = 30_000
const UNKNOWN_KID_REFRESH_MS = 5_000

/**
 * Registry keys that follow a rotation made anywhere: `kid`, `signKey` and `jwks` are re-read at
 * most every 30 s as they are used, and a token naming a kid not seen yet makes the keyring look
 * at once (at most every 5 s). A retired key verifies until `publishedUntil`, then leaves.
 */
async function registryKeyring(db: Executor, masterKey: MasterKey, alg: Exclude<JwtAlgorithm, 'HS256'>) {
  let state = await fromRegistry(db, masterKey, alg)
  let checkedAt = Date.now()
  let lookedForUnknownAt = 0
  let refreshing: Promise<void> | undefined
  const refresh = () => {
    refreshing ??= fromRegistry(db, masterKey, alg)
      .then((next) => {
        state = next
        checkedAt = Date.now()
      })
      .finally(() => {
        refreshing = undefined
      })
    return refreshing
  }
  const touch = () => {
    // A failed look (the database away) keeps the keys in use; the next use tries again.
    if (Date.now() - checkedAt > REFRESH_MS) refresh().catch(() => {})
  }
  const lookup = (kid: string | undefined, anyRetired: boolean) => {
    const found = state.verifiers.get(kid ?? state.kid)
    return found && (anyRetired || found.until > Date.now()) ? found.key : undefined
  }
  const keys: SigningKeys = {
    alg,
    source: 'registry',
    get signer() {
      touch()
      return { kid: state.kid, key: state.signKey }
    },
    get kid() {
      touch()
      return state.kid
    },
    get signKey() {
      touch()
      return state.signKey
    },
    get verifyKey() {
      return state.verifyKey
    },
    get jwks() {
      touch()
      const now = Date.now()
      return [
        state.publicJwk,
        ...state.retired.filter((entry) => new Date(entry.publishedUntil).getTime() > now).map((entry) => entry.jwk),
      ]
    },
    async keyFor(header, options = {}) {
      touch()
      const known = lookup(header.kid, Boolean(options.anyRetired))
      if (known) return known
      if (header.kid && !state.verifiers.has(header.kid) && Date.now() - lookedForUnknownAt > UNKNOWN_KID_REFRESH_MS) {
        lookedForUnknownAt = Date.now()
        await refresh()
        const found = lookup(header.kid, Boolean(options.anyRetired))
        if (found) return found
      }
      throw new UnknownSigningKeyError(`no signing key ${header.kid} in use`)
    },
  }
  return keys
}

async function hmacKeys(db: Executor, masterKey: MasterKey, envSecret: string | undefined): Promise<SigningKeys> {
  const secret =
    envSecret ?? (await ensureSealed(db, masterKey, 'jwt.hs256_secret', () => randomBytes(48).toString('base64url')))
  const key = new TextEncoder().encode(secret)
  const kid = `hs256-${createHash('sha256').update('kid\0').update(key).digest('hex').slice(0, 16)}`
  return singleKey('HS256', kid, key, key, [], envSecret ? 'env' : 'registry')
}

/** JWT signing keys: JWT_SECRET / PEM files from config → registry → generated and stored sealed. */
export async function resolveSigningKeys(db: Executor, masterKey: MasterKey, jwt: Config['jwt']): Promise<SigningKeys> {
  if (jwt.algorithm === 'HS256') return hmacKeys(db, masterKey, jwt.secret)
  if (jwt.privateKeyPath && jwt.publicKeyPath) return fromPemFiles(jwt.algorithm, jwt.privateKeyPath, jwt.publicKeyPath)
  return registryKeyring(db, masterKey, jwt.algorithm)
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
