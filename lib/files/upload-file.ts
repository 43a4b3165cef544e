import 'server-only'
import { createHash, randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import { Readable } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import busboy from 'busboy'
import { files } from '@/db/schema'
import { actorLabel } from '@/lib/audit/actor-label'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { startFileEncryption } from '@/lib/crypto/file-encryption'
import { ensureOrgDataKey } from '@/lib/crypto/org-data-keys'
import { AppError, isAppError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'

interface UploadArgs {
  orgId: string
  headers: Headers
  body: ReadableStream<Uint8Array> | null
  actor: AuditActor
  meta: RequestMeta
}

const tooLarge = (max: number) =>
  new AppError('payload_too_large', `The file is larger than MAX_UPLOAD_BYTES (${max} bytes)`)
const noFile = () =>
  new AppError('validation_failed', 'Send the file as multipart/form-data in the field "file"', [
    { path: 'file', message: 'Choose a file to upload.' },
  ])

/** A name safe to show and to put in Content-Disposition: no path, no control characters, at most 255 characters. */
export function cleanFileName(name: string | undefined): string {
  const cleaned = basename((name ?? '').replace(/\\/g, '/'))
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 255)
  return cleaned || 'file'
}

const cutShort = () =>
  new AppError('validation_failed', 'The multipart body ended before the file did', [
    { path: 'file', message: 'Send the whole file: the upload was cut short.' },
  ])

const cleanContentType = (type: string | undefined) =>
  type && /^[\w.+-]+\/[\w.+-]+$/.test(type) && type.length <= 127 ? type.toLowerCase() : 'application/octet-stream'

/**
 * Streams one multipart upload through SHA-256 and chunked encryption into file storage, then
 * records it (file.upload) in one transaction. Memory stays flat: at most a couple of chunks are
 * held at once, whatever the file's size. Over MAX_UPLOAD_BYTES: 413, and nothing is kept.
 */
export async function uploadFile(runtime: Runtime, args: UploadArgs) {
  const max = runtime.config.maxUploadBytes
  const contentType = args.headers.get('content-type') ?? ''
  if (!/^multipart\/form-data;/i.test(contentType) || !args.body) throw noFile()
  const declared = Number(args.headers.get('content-length') ?? NaN)
  if (Number.isFinite(declared) && declared > max + 64 * 1024) throw tooLarge(max)

  const parser = busboy({
    headers: { 'content-type': contentType },
    limits: { files: 1, fileSize: max + 1, fields: 10, parts: 20 },
  })
  const upload = new Promise<{ stream: Readable; name: string; type: string }>((resolve, reject) => {
    parser.on('file', (field, stream, info) => {
      // A body that ends inside a part errors the part's stream, possibly before it is read (the
      // org's key is fetched first): without a listener that error would end the process.
      stream.on('error', () => {})
      if (field !== 'file') return void stream.resume()
      resolve({ stream, name: cleanFileName(info.filename), type: cleanContentType(info.mimeType) })
    })
    parser.on('error', () =>
      reject(
        new AppError('validation_failed', 'The multipart body could not be read', [
          { path: 'file', message: 'Send a well-formed multipart/form-data body.' },
        ]),
      ),
    )
    parser.on('close', () => reject(noFile()))
  })
  // A client that goes away mid-upload must end the parse (and so the storage write), not leave it hanging.
  Readable.fromWeb(args.body as unknown as WebReadableStream<Uint8Array>)
    .on('error', (error) => parser.destroy(error))
    .pipe(parser)
  const { stream, name, type } = await upload

  const id = randomUUID()
  const storageKey = `${args.orgId}/${id}`
  const dataKey = await ensureOrgDataKey(runtime.db, runtime.masterKey, args.orgId)
  const sealing = startFileEncryption(runtime.masterKey, dataKey, { id, orgId: args.orgId })
  const hash = createHash('sha256')
  let size = 0
  async function* plaintext() {
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length
        // busboy stops (truncates) at max + 1 bytes: one byte over is enough to know, and a file of exactly max passes.
        if (size > max) throw tooLarge(max)
        hash.update(chunk)
        yield chunk
      }
    } catch (error) {
      // The body ended inside the file (cut short, or the client went away): the client's fault, not ours.
      throw isAppError(error) ? error : cutShort()
    }
  }
  await runtime.files.write(storageKey, sealing.encrypt(plaintext()))
  try {
    return await runtime.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(files)
        .values({
          id,
          orgId: args.orgId,
          name,
          contentType: type,
          size,
          sha256: hash.digest('hex'),
          storageKey,
          chunkSize: sealing.chunkSize,
          keyNonce: sealing.keyNonce,
          keyCiphertext: sealing.keyCiphertext,
          createdBy: actorLabel(args.actor),
        })
        .returning()
      await recordAudit(tx, {
        action: 'file.upload',
        actor: args.actor,
        orgId: args.orgId,
        target: { type: 'file', id },
        meta: args.meta,
        details: { name, size, sha256: row.sha256 },
      })
      return row
    })
  } catch (error) {
    await runtime.files.remove(storageKey)
    throw error
  }
}
