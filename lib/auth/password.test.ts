import { hash as bcryptHash } from '@node-rs/bcrypt'
import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './password'

describe('password hashing', () => {
  it('hashes with argon2id at the OWASP parameters and verifies', async () => {
    const stored = await hashPassword('Correct-Horse-42')
    expect(stored.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true)
    expect(await verifyPassword(stored, 'Correct-Horse-42')).toEqual({ ok: true, needsRehash: false })
  })

  it('rejects a wrong password', async () => {
    const stored = await hashPassword('Correct-Horse-42')
    expect(await verifyPassword(stored, 'correct-horse-42')).toEqual({ ok: false, needsRehash: false })
  })

  it('verifies a bcrypt hash from another system and asks for a rehash', async () => {
    const stored = await bcryptHash('Imported-Pass-1', { cost: 10 })
    expect(await verifyPassword(stored, 'Imported-Pass-1')).toEqual({ ok: true, needsRehash: true })
    expect((await verifyPassword(stored, 'Imported-Pass-2')).ok).toBe(false)
  })

  it('asks to rehash argon2 hashes with weaker parameters', async () => {
    const { hash } = await import('@node-rs/argon2')
    const weak = await hash('Correct-Horse-42', { memoryCost: 8192, timeCost: 1, parallelism: 1, algorithm: 2 })
    expect(await verifyPassword(weak, 'Correct-Horse-42')).toEqual({ ok: true, needsRehash: true })
  })

  it('answers false, never throws, for a malformed hash', async () => {
    expect(await verifyPassword('not-a-hash', 'x')).toEqual({ ok: false, needsRehash: false })
    expect(await verifyPassword('$2b$10$short', 'x')).toEqual({ ok: false, needsRehash: false })
  })
})
