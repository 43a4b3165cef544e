import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DecryptError, keyIdOf, open, seal } from './aead'

const key = randomBytes(32)

function flipBit(base64: string, byteIndex: number): string {
  const bytes = Buffer.from(base64, 'base64')
  bytes[byteIndex] ^= 0x01
  return bytes.toString('base64')
}

describe('AES-256-GCM seal/open', () => {
  it('round-trips and records a 12-byte random nonce and the key id', () => {
    const a = seal(key, 'hunter2', 'registry:x')
    const b = seal(key, 'hunter2', 'registry:x')
    expect(Buffer.from(a.nonce, 'base64')).toHaveLength(12)
    expect(a.nonce).not.toBe(b.nonce)
    expect(a.ciphertext).not.toBe(b.ciphertext)
    expect(a.keyId).toBe(keyIdOf(key))
    expect(open(key, a, 'registry:x').toString()).toBe('hunter2')
  })

  it('rejects a flipped ciphertext bit', () => {
    const sealed = seal(key, 'a secret value', 'aad')
    expect(() => open(key, { ...sealed, ciphertext: flipBit(sealed.ciphertext, 0) }, 'aad')).toThrow(DecryptError)
  })

  it('rejects a flipped bit in the GCM tag', () => {
    const sealed = seal(key, 'a secret value', 'aad')
    const lastByte = Buffer.from(sealed.ciphertext, 'base64').length - 1
    expect(() => open(key, { ...sealed, ciphertext: flipBit(sealed.ciphertext, lastByte) }, 'aad')).toThrow(
      DecryptError,
    )
  })

  it('rejects a flipped nonce bit, other associated data, and another key', () => {
    const sealed = seal(key, 'a secret value', 'registry:a')
    expect(() => open(key, { ...sealed, nonce: flipBit(sealed.nonce, 3) }, 'registry:a')).toThrow(DecryptError)
    expect(() => open(key, sealed, 'registry:b')).toThrow(DecryptError)
    expect(() => open(randomBytes(32), sealed, 'registry:a')).toThrow(DecryptError)
  })

  it('rejects truncated input and keys of the wrong size', () => {
    expect(() => open(key, { nonce: 'AAAA', ciphertext: 'AAAA' }, 'aad')).toThrow(DecryptError)
    expect(() => seal(randomBytes(16), 'x', 'aad')).toThrow('32-byte key')
  })
})
