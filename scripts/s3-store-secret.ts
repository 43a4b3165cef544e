/**
 * `npm run s3:store-secret` and `gatehouse keys store-s3-secret`: seals S3_SECRET_ACCESS_KEY into
 * the registry, so that it need not sit in every server's environment. The key is read from
 * standard input (or asked on a terminal), tried against S3_BUCKET, and stored only if it works.
 */
import { askHidden, isInteractive, readStdin } from '@/cli/prompts.mjs'
import { recordAudit } from '@/lib/audit/record-audit'
import { NO_REQUEST, SYSTEM_ACTOR } from '@/lib/audit/types'
import { putSealed } from '@/lib/crypto/registry'
import { S3_SECRET_REGISTRY_NAME } from '@/lib/files/open-file-storage'
import { bootLocal } from '@/lib/runtime/boot-local'

async function main() {
  if (process.env.S3_SECRET_ACCESS_KEY) {
    console.error('S3_SECRET_ACCESS_KEY is set here already; unset it, then give the key on standard input.')
    process.exit(2)
  }
  const secret = (isInteractive() ? await askHidden('S3 secret access key:') : await readStdin()).trim()
  if (!secret) {
    console.error('No secret key was given; nothing was stored.')
    process.exit(2)
  }
  // The storage this boot opens uses the key given, so probing it proves the key before it is kept.
  process.env.S3_SECRET_ACCESS_KEY = secret
  const runtime = await bootLocal()
  try {
    if (runtime.config.fileStorage.kind !== 's3' || !runtime.config.fileStorage.s3.accessKeyId) {
      console.error('Set FILE_STORAGE=s3, S3_BUCKET and S3_ACCESS_KEY_ID first: the key is stored for them.')
      process.exitCode = 2
      return
    }
    await runtime.files.probe()
    await runtime.db.transaction(async (tx) => {
      await putSealed(tx, runtime.masterKey, S3_SECRET_REGISTRY_NAME, secret)
      await recordAudit(tx, {
        action: 'keys.s3_secret.store',
        actor: SYSTEM_ACTOR,
        target: { type: 'registry', id: S3_SECRET_REGISTRY_NAME },
        meta: NO_REQUEST,
        details: {
          bucket: runtime.config.fileStorage.s3.bucket,
          access_key_id: runtime.config.fileStorage.s3.accessKeyId,
        },
      })
    })
    console.log(
      `Stored the secret key for ${runtime.config.fileStorage.s3.accessKeyId}, sealed with master key ${runtime.masterKey.keyId}. Remove S3_SECRET_ACCESS_KEY from the servers' environment and restart them.`,
    )
  } finally {
    await runtime.database.close()
  }
}

main().catch((error: unknown) => {
  console.error(`Nothing was stored: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
