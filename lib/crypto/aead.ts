import 'server-only'
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

/** AES-256-GCM with a random 12-byte nonce. `aad` binds the ciphertext to where it belongs. */
export interface Sealed {
  nonce: string // base64
  ciphertext: string // base64, GCM tag appended
  keyId: string
}

export class DecryptError extends Error {
  override name = 'DecryptError'
}

const NONCE_BYTES = 12
const TAG_BYTES = 16

/** A short, non-secret identifier of a 256-bit key: the first 8 bytes of its SHA-256, hex. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('gatehouse key id\0').update(key).digest('hex').slice(0, 16)
}

function assertKey(key: Buffer) {
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key')
}

export function seal(key: Buffer, plaintext: Buffer | string, aad: string): Sealed {
  assertKey(key)
  const nonce = randomBytes(NONCE_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES })
  cipher.setAAD(Buffer.from(aad, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()])
  return { nonce: nonce.toString('base64'), ciphertext: body.toString('base64'), keyId: keyIdOf(key) }
}

/** Throws DecryptError when the key, the aad, the nonce or any ciphertext bit is wrong. */
export function open(key: Buffer, sealed: Pick<Sealed, 'nonce' | 'ciphertext'>, aad: string): Buffer {
  assertKey(key)
  const nonce = Buffer.from(sealed.nonce, 'base64')
  const body = Buffer.from(sealed.ciphertext, 'base64')
  if (nonce.length !== NONCE_BYTES || body.length < TAG_BYTES) throw new DecryptError('malformed ciphertext')
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES })
    decipher.setAAD(Buffer.from(aad, 'utf8'))
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES))
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()])
  } catch {
    throw new DecryptError('ciphertext failed authentication')
  }
}
