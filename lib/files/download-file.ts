import 'server-only'
import { Readable } from 'node:stream'
import type { StoredFile } from '@/db/schema'
import { recordAuditAlone } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { planFileDecryption } from '@/lib/crypto/file-encryption'
import { ensureOrgDataKey } from '@/lib/crypto/org-data-keys'
import { AppError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'

/** A single `bytes=` range of a file of `size` bytes: a whole file when absent or not one we serve. */
export function parseRange(header: string | null, size: number): { start: number; end: number; partial: boolean } {
  const whole = { start: 0, end: size - 1, partial: false }
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null
  if (!match || (match[1] === '' && match[2] === '')) return whole // several ranges, or none: the whole file (RFC 9110 allows it)
  let start: number
  let end: number
  if (match[1] === '') {
    start = Math.max(size - Number(match[2]), 0) // the last N bytes
    end = size - 1
  } else {
    start = Number(match[1])
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
  }
  if (size === 0 || start >= size || start > end)
    throw new AppError('range_not_satisfiable', `The file has ${size} bytes; the range asked for is outside it`)
  return { start, end, partial: true }
}

/**
 * Reads the first piece before the answer starts, so that storage that cannot be read (a bucket
 * not answering) gives an error status instead of a 200 that breaks off.
 */
async function openStored(source: AsyncIterable<Buffer>) {
  const iterator = source[Symbol.asyncIterator]()
  const first = await iterator.next()
  return {
    bytes: (async function* () {
      if (!first.done) yield first.value
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value
    })(),
    close: async () => {
      await iterator.return?.()
    },
  }
}

const asciiFallback = (name: string) => name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')

/**
 * Streams a file (or one range of it) as it is decrypted, chunk by chunk: the response starts
 * before the file is read and memory stays flat. Audited as file.download.
 */
export async function downloadFile(
  runtime: Runtime,
  args: {
    file: StoredFile
    rangeHeader: string | null
    actor: AuditActor
    /** How the caller got in: a link's token, their own access, or the guest role of an open org. */
    via: 'link' | 'credential' | 'guest'
    meta: RequestMeta
  },
): Promise<Response> {
  const { file } = args
  const range = parseRange(args.rangeHeader, file.size)
  const dataKey = await ensureOrgDataKey(runtime.db, runtime.masterKey, file.orgId)
  const plan = planFileDecryption(runtime.masterKey, dataKey, file, range)
  const stored = await openStored(runtime.files.read(file.storageKey, { start: plan.storedStart, end: plan.storedEnd }))
  try {
    await recordAuditAlone(runtime.db, {
      action: 'file.download',
      actor: args.actor,
      orgId: file.orgId,
      target: { type: 'file', id: file.id },
      meta: args.meta,
      details: { via: args.via, ...(range.partial ? { range: `${range.start}-${range.end}` } : {}) },
    })
  } catch (error) {
    await stored.close()
    throw error
  }
  const body = Readable.from(plan.decrypt(stored.bytes)).on('error', (error) =>
    runtime.log.error({ err: error, fileId: file.id }, 'file download failed mid-stream'),
  )
  const headers = new Headers({
    'Content-Type': file.contentType,
    'Content-Length': String(file.size === 0 ? 0 : range.end - range.start + 1),
    'Content-Disposition': `attachment; filename="${asciiFallback(file.name)}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  })
  if (range.partial) headers.set('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`)
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
    status: range.partial ? 206 : 200,
    headers,
  })
}
