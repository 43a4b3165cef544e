import 'server-only'
import { randomBytes } from 'node:crypto'
import { hmacSha256Hex, sha256Hex } from '@/lib/crypto/hash'

export const RECOVERY_CODE_COUNT = 10
// Crockford's base32 without look-alikes: codes are read off paper and typed by hand.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'

/** Ten codes of 10 characters (50 random bits each), shown once as "xxxxx-xxxxx". */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(10)].map((byte) => ALPHABET[byte & 31]).join('')
    return `${chars.slice(0, 5)}-${chars.slice(5)}`
  })
}

const normalized = (code: string) => code.toLowerCase().replace(/[\s-]/g, '')

/** The stored form: HMAC-SHA-256 of the code without dashes, spaces or case, keyed by the sealed registry key. */
export function hashRecoveryCode(key: Buffer, code: string): string {
  return hmacSha256Hex(key, normalized(code))
}

/** Codes handed out before the keyed hash were stored as bare SHA-256; they still work, once each. */
export function legacyRecoveryCodeHash(code: string): string {
  return sha256Hex(normalized(code))
}
