import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { keyIdOf } from './aead'
import { FILE_CHUNK_SIZE, planFileDecryption, startFileEncryption } from './file-encryption'
import type { MasterKey } from './master-key'
import { newWrappedDataKey } from './org-data-keys'

const masterKeyBytes = randomBytes(32)
const masterKey: MasterKey = { key: masterKeyBytes, keyId: keyIdOf(masterKeyBytes), source: 'env' }
const dataKey = newWrappedDataKey(masterKey, 'org-1')

async function* pieces(data: Buffer, size = 10_000) {
  for (let offset = 0; offset < data.length; offset += size) yield data.subarray(offset, offset + size)
}
async function collect(source: AsyncIterable<Buffer>) {
  const parts: Buffer[] = []
  for await (const part of source) parts.push(part)
  return Buffer.concat(parts)
}

async function encrypted(plaintext: Buffer, id = 'file-1') {
  const sealing = startFileEncryption(masterKey, dataKey, { id, orgId: 'org-1' })
  const stored = await collect(sealing.encrypt(pieces(plaintext)))
  return {
    file: {
      id,
      orgId: 'org-1',
      keyNonce: sealing.keyNonce,
      keyCiphertext: sealing.keyCiphertext,
      size: plaintext.length,
      chunkSize: sealing.chunkSize,
    },
    stored,
  }
}

async function decrypted(
  file: Awaited<ReturnType<typeof encrypted>>['file'],
  stored: Buffer,
  start = 0,
  end = file.size - 1,
) {
  const plan = planFileDecryption(masterKey, dataKey, file, { start, end })
  return collect(plan.decrypt(pieces(stored.subarray(plan.storedStart, plan.storedEnd + 1), 7_777)))
}

describe('chunked file encryption', () => {
  it('round-trips files of every awkward size, whole and by range', async () => {
    for (const size of [0, 1, FILE_CHUNK_SIZE - 1, FILE_CHUNK_SIZE, FILE_CHUNK_SIZE + 1, 3 * FILE_CHUNK_SIZE + 5]) {
      const plaintext = randomBytes(size)
      const { file, stored } = await encrypted(plaintext)
      expect(stored.length).toBe(size + Math.max(1, Math.ceil(size / FILE_CHUNK_SIZE)) * 16)
      expect((await decrypted(file, stored)).equals(plaintext), `size ${size}`).toBe(true)
      if (size > 2) {
        for (const [start, end] of [
          [0, 0],
          [1, size - 2],
          [size - 1, size - 1],
          [Math.floor(size / 2), size - 1],
        ]) {
          expect(
            (await decrypted(file, stored, start, end)).equals(plaintext.subarray(start, end + 1)),
            `size ${size} bytes ${start}-${end}`,
          ).toBe(true)
        }
      }
    }
  })

  it('never stores the plaintext', async () => {
    const plaintext = Buffer.from('the launch codes are 0000 '.repeat(5000))
    const { stored } = await encrypted(plaintext)
    expect(stored.includes(Buffer.from('launch codes'))).toBe(false)
  })

  it('refuses a flipped bit, a cut-off end, swapped chunks and another file’s chunks', async () => {
    const plaintext = randomBytes(3 * FILE_CHUNK_SIZE)
    const { file, stored } = await encrypted(plaintext)
    const sealedChunk = FILE_CHUNK_SIZE + 16
    const flipped = Buffer.from(stored)
    flipped[100] ^= 1
    await expect(decrypted(file, flipped)).rejects.toThrow(/chunk 0 .* failed authentication/)
    // Dropping the last chunk: the new last one was not sealed as last.
    await expect(
      decrypted({ ...file, size: 2 * FILE_CHUNK_SIZE }, stored.subarray(0, 2 * sealedChunk)),
    ).rejects.toThrow(/failed authentication/)
    const swapped = Buffer.concat([
      stored.subarray(sealedChunk, 2 * sealedChunk),
      stored.subarray(0, sealedChunk),
      stored.subarray(2 * sealedChunk),
    ])
    await expect(decrypted(file, swapped)).rejects.toThrow(/failed authentication/)
    const other = await encrypted(plaintext, 'file-2')
    await expect(decrypted(file, other.stored)).rejects.toThrow(/failed authentication/)
    await expect(decrypted(file, stored.subarray(0, stored.length - 10))).rejects.toThrow(/shorter than/)
    expect(
      createHash('sha256')
        .update(await decrypted(file, stored))
        .digest('hex'),
    ).toBe(createHash('sha256').update(plaintext).digest('hex'))
  })
})
