/**
 * FILE_STORAGE=s3 where it differs from the disk: the secret key from the registry (stored by
 * `npm run s3:store-secret`, which tries it first), refused credentials, and a store that stops
 * answering, which gives 503 `unavailable` and keeps no half of anything.
 */
import { spawn } from 'node:child_process'
import { eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as streamRoute from '@/app/api/v1/files/[id]/stream/route'
import * as filesRoute from '@/app/api/v1/orgs/[org]/files/route'
import { auditLog, files, registry } from '@/db/schema'
import { readSealed } from '@/lib/crypto/registry'
import { answerOf, callRoute } from '@/lib/testing/http'
import { seedOrg, seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { type S3Store, startS3Store } from '@/lib/testing/s3-store'
import { S3_SECRET_REGISTRY_NAME } from './open-file-storage'

describe('S3 file storage', () => {
  let s3: S3Store
  let t: TestRuntime | undefined
  beforeAll(async () => {
    s3 = await startS3Store()
  })
  afterAll(() => s3.close())
  afterEach(() => t?.cleanup())

  const form = (text: string) => {
    const body = new FormData()
    body.set('file', new Blob([text], { type: 'text/plain' }), 'note.txt')
    return body
  }
  async function ownerWithOrg(runtime: TestRuntime['runtime']) {
    const owner = await seedUserWithToken(runtime)
    return { owner, org: await seedOrg(runtime, owner.user.id) }
  }

  it('refuses to start with an access key id and no secret key anywhere, and says where to put one', async () => {
    const { S3_SECRET_ACCESS_KEY: _, ...withoutSecret } = s3.env
    await expect(createTestRuntime(withoutSecret)).rejects.toThrow(
      /S3_ACCESS_KEY_ID is set but there is no secret key: set S3_SECRET_ACCESS_KEY, or store it sealed with `npm run s3:store-secret`/,
    )
  })

  it('stores the secret key sealed with npm run s3:store-secret, only once the bucket takes it, and starts from it', async () => {
    const { S3_SECRET_ACCESS_KEY: secret, ...withoutSecret } = s3.env
    // A first runtime (with the key in its environment) makes the database the command then opens.
    t = await createTestRuntime(s3.env, { persistent: true })
    await t.runtime.database.close()
    const storeSecret = (input: string, accessKeyId = withoutSecret.S3_ACCESS_KEY_ID) =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn('npm', ['run', '-s', 's3:store-secret'], {
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            NODE_ENV: 'production',
            LOG_LEVEL: 'warn',
            GATEHOUSE_CONFIG: '',
            DATA_DIR: t!.handle.dataDir,
            GATEHOUSE_MASTER_KEY: t!.env.GATEHOUSE_MASTER_KEY,
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
            ...withoutSecret,
            S3_ACCESS_KEY_ID: accessKeyId,
            ...(t!.handle.url ? { DATABASE_URL: t!.handle.url } : {}),
          },
          stdio: ['pipe', 'pipe', 'pipe'],
        })
        let output = ''
        child.stdout.on('data', (chunk) => (output += chunk))
        child.stderr.on('data', (chunk) => (output += chunk))
        child.stdin.end(input)
        child.on('close', (code) => resolve({ code, output }))
      })

    const refused = await storeSecret(`${secret}\n`, 'NOT-A-KNOWN-KEY')
    expect(refused.output).toMatch(
      /Nothing was stored: S3 bucket gatehouse-files cannot be used: the credentials are refused/,
    )
    expect(refused.code).toBe(1)
    const stored = await storeSecret(`${secret}\n`)
    expect(stored.output, stored.output).toMatch(/Stored the secret key for GATEHOUSE-TEST-KEY, sealed with master key/)
    expect(stored.code).toBe(0)

    const runtime = await t.restart({ S3_SECRET_ACCESS_KEY: '' })
    expect(runtime.config.fileStorage.s3.secretAccessKey).toBeUndefined()
    expect(await readSealed(runtime.db, runtime.masterKey, S3_SECRET_REGISTRY_NAME)).toBe(secret)
    const [row] = await runtime.db.select().from(registry).where(eq(registry.name, S3_SECRET_REGISTRY_NAME))
    expect(row.ciphertext?.includes(secret)).toBe(false)
    // One store: the refused run left nothing.
    const audits = await runtime.db.select().from(auditLog).where(eq(auditLog.action, 'keys.s3_secret.store'))
    expect(audits).toHaveLength(1)
    const [audit] = audits
    expect(audit.meta).toMatchObject({ bucket: 'gatehouse-files', access_key_id: 'GATEHOUSE-TEST-KEY' })
    expect(JSON.stringify(audit)).not.toContain(secret)

    const { owner, org } = await ownerWithOrg(runtime)
    const created = await answerOf(
      callRoute(filesRoute.POST, '/f', {
        token: owner.token,
        params: { org: org.slug },
        body: form('from the registry'),
      }),
    )
    expect(created).toMatchObject({ status: 201 })
    expect(await s3.keys(`${org.id}/`)).toEqual([`${org.id}/${created.id}.bin`])
  })

  it('answers 503 with refused credentials, and keeps no row of the upload', async () => {
    t = await createTestRuntime({ ...s3.env, S3_ACCESS_KEY_ID: 'NOT-A-KNOWN-KEY' })
    await expect(t.runtime.files.probe()).rejects.toThrow(
      'S3 bucket gatehouse-files cannot be used: the credentials are refused',
    )
    const { owner, org } = await ownerWithOrg(t.runtime)
    const answer = await answerOf(
      callRoute(filesRoute.POST, '/f', { token: owner.token, params: { org: org.slug }, body: form('x') }),
    )
    expect(answer).toMatchObject({ status: 503, code: 'unavailable' })
    expect(await t.runtime.db.select().from(files)).toHaveLength(0)
  })

  it('answers 503 when the store stops answering, for uploads and downloads, and audits no download that did not happen', async () => {
    const own = await startS3Store()
    t = await createTestRuntime(own.env)
    const { owner, org } = await ownerWithOrg(t.runtime)
    const before = await answerOf(
      callRoute(filesRoute.POST, '/f', { token: owner.token, params: { org: org.slug }, body: form('kept') }),
    )
    expect(before).toMatchObject({ status: 201 })
    await own.close()

    const upload = await answerOf(
      callRoute(filesRoute.POST, '/f', { token: owner.token, params: { org: org.slug }, body: form('lost') }),
    )
    expect(upload).toMatchObject({
      status: 503,
      code: 'unavailable',
      detail: 'File storage is not answering; try again shortly',
    })
    expect(await t.runtime.db.select().from(files)).toHaveLength(1)

    const download = await answerOf(
      callRoute(streamRoute.GET, `/api/v1/files/${before.id}/stream`, {
        token: owner.token,
        params: { id: before.id },
      }),
    )
    expect(download).toMatchObject({ status: 503, code: 'unavailable' })
    expect(await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'file.download'))).toHaveLength(0)
  })
})
