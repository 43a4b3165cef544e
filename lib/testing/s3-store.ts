import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import S3rver from 's3rver'
import AWSAccount from 's3rver/lib/models/account.js'

export interface S3Store {
  /** The variables an operator sets for FILE_STORAGE=s3 against this store. */
  env: Record<string, string>
  /** What the bucket holds under `prefix`, read straight from the store. */
  keys(prefix?: string): Promise<string[]>
  /** The stored bytes of one object. */
  object(key: string): Promise<Buffer>
  close(): Promise<void>
}

// Not s3rver's built-in pair, whose secret equals its id: a test looking for a leaked secret must be able to tell them apart.
const ACCESS_KEY_ID = 'GATEHOUSE-TEST-KEY'
const SECRET_ACCESS_KEY = 'test-secret-access-key-0f3d9a'
AWSAccount.DUMMY_ACCOUNT.createKeyPair(ACCESS_KEY_ID, SECRET_ACCESS_KEY)
// The SDK warns, once per process, that versions from 2027 on need Node 22: noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

/**
 * A real S3-compatible server on 127.0.0.1 (the s3rver package) with one bucket. It refuses an
 * unknown access key id, but does not check v4 signatures: a wrong secret key goes unnoticed here.
 */
export async function startS3Store(bucket = 'gatehouse-files'): Promise<S3Store> {
  const directory = mkdtempSync(join(tmpdir(), 'gatehouse-s3-'))
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  })
  const { port } = await server.run()
  const endpoint = `http://127.0.0.1:${port}`
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
  })
  return {
    env: {
      FILE_STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
      S3_FORCE_PATH_STYLE: 'true',
    },
    async keys(prefix = '') {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))
      return (page.Contents ?? []).map((object) => object.Key ?? '')
    },
    async object(key) {
      const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
      return Buffer.from(await (answer.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray())
    },
    async close() {
      client.destroy()
      await server.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}
