import 'server-only'
import { randomBytes } from 'node:crypto'
import { sha256Hex } from '@/lib/crypto/hash'

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

/** The stored form: SHA-256 of the code without dashes, spaces or case. */
export function hashRecoveryCode(code: string): string {
  return sha256Hex(code.toLowerCase().replace(/[\s-]/g, ''))
}
