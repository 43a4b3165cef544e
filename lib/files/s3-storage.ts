import 'server-only'
import { Readable } from 'node:stream'
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import type { Logger } from 'pino'
import { AppError, isAppError } from '@/lib/errors'
import { assertSafeStorageKey, type FileStorage } from './storage'

/** 8 MiB parts, two in flight: a 100 MiB upload holds about 24 MiB at most, and 10,000 parts allow 80 GB. */
const PART_BYTES = 8 * 1024 * 1024
const PARTS_IN_FLIGHT = 2

/**
 * Encrypted file bytes in an S3-compatible bucket, one object per key (`<org id>/<file id>.bin`).
 * Uploads stream as multipart uploads, which S3 makes visible only once complete, and are
 * aborted on failure; reads are ranged GETs.
 */
export function s3FileStorage(client: S3Client, bucket: string, log: Logger): FileStorage {
  const objectKey = (key: string) => `${assertSafeStorageKey(key)}.bin`
  const unreachable = (error: unknown, key: string) => {
    log.error({ err: error, bucket, key }, 'file storage request failed')
    return new AppError('unavailable', 'File storage is not answering; try again shortly')
  }
  return {
    async write(key, source) {
      let written = 0
      let sourceError: unknown
      const counted = Readable.from(
        (async function* () {
          try {
            for await (const chunk of source) {
              written += chunk.length
              yield chunk
            }
          } catch (error) {
            sourceError = error
            throw error
          }
        })(),
      )
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key: objectKey(key), Body: counted, ContentType: 'application/octet-stream' },
        partSize: PART_BYTES,
        queueSize: PARTS_IN_FLIGHT,
        leavePartsOnError: false,
      })
      try {
        await upload.done()
      } catch (error) {
        // The upload failed because its source did (too large, cut short): that error, not the SDK's.
        if (sourceError) throw sourceError
        throw isAppError(error) ? error : unreachable(error, key)
      }
      return written
    },
    async *read(key, range) {
      const answer = await client
        .send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key), Range: `bytes=${range.start}-${range.end}` }))
        .catch((error) => {
          throw unreachable(error, key)
        })
      yield* answer.Body as Readable
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key) }))
    },
    async removeAll(prefix) {
      const folder = `${assertSafeStorageKey(prefix)}/`
      let token: string | undefined
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: folder, ContinuationToken: token, MaxKeys: 1000 }),
        )
        const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []))
        if (keys.length > 0) {
          const result = await client.send(
            new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }),
          )
          if (result.Errors?.length) {
            throw new Error(
              `${result.Errors.length} objects under ${folder} were not deleted: ${result.Errors[0].Code}`,
            )
          }
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined
      } while (token)
    },
    async probe() {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }))
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode
        const reason =
          status === 404
            ? 'no such bucket'
            : status === 403
              ? 'the credentials are refused'
              : (error as Error).message || (error as Error).name
        throw new Error(`S3 bucket ${bucket} cannot be used: ${reason}`)
      }
    },
  }
}
