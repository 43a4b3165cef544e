import 'server-only'
import { createReadStream, createWriteStream } from 'node:fs'
import { access, constants, mkdir, open, rename, rm } from 'node:fs/promises'
import { dirname, join, resolve, sep } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/** Where encrypted file bytes live: DATA_DIR/files, or an S3-compatible bucket (FILE_STORAGE). */
export interface FileStorage {
  /** Stores the bytes under `key`; visible only once complete and synced to disk (a crash leaves nothing half-written). */
  write(key: string, source: AsyncIterable<Buffer>): Promise<number>
  /** Bytes `start`..`end` (inclusive) of what is stored under `key`. */
  read(key: string, range: { start: number; end: number }): AsyncIterable<Buffer>
  remove(key: string): Promise<void>
  /** Everything stored under `prefix/` (an organization's files). */
  removeAll(prefix: string): Promise<void>
  /** Throws, saying why, when the storage cannot be written (a missing bucket, refused credentials). */
  probe(): Promise<void>
}

async function syncPath(path: string) {
  const handle = await open(path, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

const SAFE_KEY = /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*$/

/** Keys are ids joined by `/`: nothing that could climb out of a folder or name another org's prefix. */
export function assertSafeStorageKey(key: string): string {
  if (!SAFE_KEY.test(key)) throw new Error(`unsafe storage key ${JSON.stringify(key)}`)
  return key
}

/** Files under DATA_DIR/files, one per key, written to a temporary name and renamed into place. */
export function localFileStorage(root: string): FileStorage {
  const base = resolve(/* turbopackIgnore: true */ root)
  const pathOf = (key: string) => {
    const path = join(base, `${assertSafeStorageKey(key)}.bin`)
    if (!path.startsWith(base + sep)) throw new Error(`storage key ${key} leaves the storage root`)
    return path
  }
  return {
    async write(key, source) {
      const path = pathOf(key)
      await mkdir(dirname(path), { recursive: true })
      const partial = `${path}.${process.pid}.${Date.now()}.part`
      let written = 0
      try {
        await pipeline(
          Readable.from(
            (async function* () {
              for await (const chunk of source) {
                written += chunk.length
                yield chunk
              }
            })(),
          ),
          createWriteStream(partial, { flags: 'wx', mode: 0o600 }),
        )
        // On disk before it is visible, and the rename itself durable: a power cut leaves the old state or the new.
        await syncPath(partial)
        await rename(partial, path)
        await syncPath(dirname(path))
        return written
      } catch (error) {
        await rm(partial, { force: true })
        throw error
      }
    },
    read(key, range) {
      return createReadStream(pathOf(key), { start: range.start, end: range.end, highWaterMark: 256 * 1024 })
    },
    async remove(key) {
      await rm(pathOf(key), { force: true })
    },
    async removeAll(prefix) {
      const directory = dirname(pathOf(`${prefix}/x`))
      await rm(directory, { recursive: true, force: true })
    },
    async probe() {
      await mkdir(base, { recursive: true })
      await access(base, constants.W_OK)
    },
  }
}
