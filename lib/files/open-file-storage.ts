import 'server-only'
import { join } from 'node:path'
import type { Logger } from 'pino'
import type { Executor } from '@/db/client'
import type { Config } from '@/lib/config'
import type { MasterKey } from '@/lib/crypto/master-key'
import { readSealed } from '@/lib/crypto/registry'
import { type FileStorage, localFileStorage } from './storage'

/** Where S3_SECRET_ACCESS_KEY is kept, sealed, when it is not in the environment (`npm run s3:store-secret`). */
export const S3_SECRET_REGISTRY_NAME = 's3.secret_access_key'

export class FileStorageConfigError extends Error {
  override name = 'FileStorageConfigError'
}

async function s3Credentials(config: Config['fileStorage']['s3'], db: Executor, masterKey: MasterKey) {
  // Neither given: the SDK's own chain (AWS_* variables, an instance or task role).
  if (!config.accessKeyId) return undefined
  const secretAccessKey = config.secretAccessKey ?? (await readSealed(db, masterKey, S3_SECRET_REGISTRY_NAME))
  if (!secretAccessKey) {
    throw new FileStorageConfigError(
      'S3_ACCESS_KEY_ID is set but there is no secret key: set S3_SECRET_ACCESS_KEY, or store it sealed with `npm run s3:store-secret`',
    )
  }
  return { accessKeyId: config.accessKeyId, secretAccessKey }
}

/** FILE_STORAGE: DATA_DIR/files, or the S3 bucket, with its secret key from the environment or the registry. */
export async function openFileStorage(
  config: Config,
  db: Executor,
  masterKey: MasterKey,
  log: Logger,
): Promise<FileStorage> {
  if (config.fileStorage.kind === 'local') {
    return localFileStorage(join(/* turbopackIgnore: true */ config.dataDir, 'files'))
  }
  // Loaded only here: an instance on local storage never pays for the SDK.
  const [{ S3Client }, { s3FileStorage }] = await Promise.all([import('@aws-sdk/client-s3'), import('./s3-storage')])
  const s3 = config.fileStorage.s3
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: s3.forcePathStyle,
    credentials: await s3Credentials(s3, db, masterKey),
    // Many S3-compatible stores do not take the checksums the SDK now adds to every request by default.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5000, requestTimeout: 30_000 },
  })
  return s3FileStorage(client, s3.bucket as string, log)
}
