import 'server-only'
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { DecryptError } from './aead'
import type { MasterKey } from './master-key'
import { openWithDataKey, sealWithDataKey, type WrappedDataKey } from './org-data-keys'

/**
 * Files are encrypted in chunks (the STREAM construction): each file has a random AES-256-GCM key
 * of its own, sealed with the org's data key; chunk i uses nonce i and associated data naming the
 * file, i and whether it is the last chunk, so chunks cannot be reordered, swapped between files,
 * or cut off at the end. Neither side ever holds more than two chunks.
 */
export const FILE_CHUNK_SIZE = 64 * 1024
const TAG_BYTES = 16

export interface FileKeyRef {
  id: string
  orgId: string
  keyNonce: string
  keyCiphertext: string
}

const keyAad = (orgId: string, fileId: string) => `filekey:${orgId}:${fileId}`
const chunkAad = (fileId: string, index: number, last: boolean) =>
  Buffer.from(`file:${fileId}:${index}:${last ? 'last' : 'more'}`)
function nonceFor(index: number): Buffer {
  const nonce = Buffer.alloc(12)
  nonce.writeUInt32BE(index, 8)
  return nonce
}

function unwrapFileKey(masterKey: MasterKey, dataKey: WrappedDataKey, file: FileKeyRef): Buffer {
  return openWithDataKey(
    masterKey,
    dataKey,
    { nonce: file.keyNonce, ciphertext: file.keyCiphertext },
    keyAad(file.orgId, file.id),
  )
}

function sealChunk(key: Buffer, fileId: string, index: number, last: boolean, plaintext: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonceFor(index), { authTagLength: TAG_BYTES })
  cipher.setAAD(chunkAad(fileId, index, last))
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()])
}

function openChunk(key: Buffer, fileId: string, index: number, last: boolean, sealed: Buffer): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonceFor(index), { authTagLength: TAG_BYTES })
    decipher.setAAD(chunkAad(fileId, index, last))
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()])
  } catch {
    throw new DecryptError(`chunk ${index} of file ${fileId} failed authentication`)
  }
}

/** A new file's key, sealed for its row, and the transform that encrypts its bytes as they stream in. */
export function startFileEncryption(
  masterKey: MasterKey,
  dataKey: WrappedDataKey,
  file: { id: string; orgId: string },
) {
  const key = randomBytes(32)
  const sealedKey = sealWithDataKey(masterKey, dataKey, key, keyAad(file.orgId, file.id))
  async function* encrypt(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    let buffered: Buffer = Buffer.alloc(0)
    let pending: Buffer | null = null // a full chunk that is last only if nothing follows
    let index = 0
    for await (const piece of source) {
      buffered = buffered.length === 0 ? piece : Buffer.concat([buffered, piece])
      while (buffered.length >= FILE_CHUNK_SIZE) {
        if (pending) yield sealChunk(key, file.id, index++, false, pending)
        pending = buffered.subarray(0, FILE_CHUNK_SIZE)
        buffered = buffered.subarray(FILE_CHUNK_SIZE)
      }
    }
    if (pending && buffered.length === 0) {
      yield sealChunk(key, file.id, index, true, pending)
      return
    }
    if (pending) yield sealChunk(key, file.id, index++, false, pending)
    yield sealChunk(key, file.id, index, true, buffered)
  }
  return { keyNonce: sealedKey.nonce, keyCiphertext: sealedKey.ciphertext, chunkSize: FILE_CHUNK_SIZE, encrypt }
}

/** How many chunks a file of `size` bytes has (an empty file has one, empty and last). */
const chunkCount = (size: number, chunkSize: number) => Math.max(1, Math.ceil(size / chunkSize))

/**
 * Reading bytes `start`..`end` (inclusive) of a stored file: which stored bytes to fetch, and the
 * transform that decrypts them and trims to the range. Throws DecryptError on any tampering.
 */
export function planFileDecryption(
  masterKey: MasterKey,
  dataKey: WrappedDataKey,
  file: FileKeyRef & { size: number; chunkSize: number },
  range: { start: number; end: number },
) {
  const { chunkSize, size } = file
  const stored = chunkSize + TAG_BYTES
  const total = chunkCount(size, chunkSize)
  const first = Math.floor(range.start / chunkSize)
  const last = size === 0 ? 0 : Math.floor(range.end / chunkSize)
  const sealedLength = (index: number) => (index < total - 1 ? chunkSize : size - (total - 1) * chunkSize) + TAG_BYTES
  const key = unwrapFileKey(masterKey, dataKey, file)
  async function* decrypt(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    let buffered: Buffer = Buffer.alloc(0)
    let index = first
    const emit = (plaintext: Buffer, at: number) => {
      const offset = at * chunkSize
      const from = Math.max(range.start - offset, 0)
      const to = Math.min(range.end - offset + 1, plaintext.length)
      return plaintext.subarray(from, Math.max(from, to))
    }
    for await (const piece of source) {
      buffered = buffered.length === 0 ? piece : Buffer.concat([buffered, piece])
      while (index <= last && buffered.length >= sealedLength(index)) {
        const length = sealedLength(index)
        yield emit(openChunk(key, file.id, index, index === total - 1, buffered.subarray(0, length)), index)
        buffered = buffered.subarray(length)
        index += 1
      }
    }
    if (index <= last) throw new DecryptError(`file ${file.id} is shorter than its ${total} chunks`)
  }
  // Every chunk before the last is full, so chunk i starts at i × (chunk + tag).
  return { storedStart: first * stored, storedEnd: last * stored + sealedLength(last) - 1, decrypt }
}
