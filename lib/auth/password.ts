import 'server-only'
import { type Algorithm, hash, verify } from '@node-rs/argon2'
import { verify as verifyBcrypt } from '@node-rs/bcrypt'

// OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1. @node-rs/argon2 hashes on
// libuv's thread pool, so concurrent sign-ins do not block the event loop.
// Algorithm is an ambient const enum (not importable as a value under isolatedModules); 2 = Argon2id.
const ARGON2_OPTIONS = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS)
}

const BCRYPT_PREFIX = /^\$2[abxy]?\$/

export interface PasswordCheck {
  ok: boolean
  /** The stored hash is not argon2id with today's parameters and should be replaced. */
  needsRehash: boolean
}

/** Verifies against argon2id or an imported bcrypt hash; never throws on a malformed hash. */
export async function verifyPassword(storedHash: string, password: string): Promise<PasswordCheck> {
  try {
    if (BCRYPT_PREFIX.test(storedHash)) {
      const ok = await verifyBcrypt(password, storedHash)
      return { ok, needsRehash: ok }
    }
    const ok = await verify(storedHash, password)
    const current = `$argon2id$v=19$m=${ARGON2_OPTIONS.memoryCost},t=${ARGON2_OPTIONS.timeCost},p=${ARGON2_OPTIONS.parallelism}$`
    return { ok, needsRehash: ok && !storedHash.startsWith(current) }
  } catch {
    return { ok: false, needsRehash: false }
  }
}

let dummyHash: Promise<string> | undefined

/** Spends the same work as a real check, so an unknown e-mail is not told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('gatehouse-dummy-password-for-timing')
  await verifyPassword(await dummyHash, password)
}
