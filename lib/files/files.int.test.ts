/**
 * The file vault: uploads are streamed, encrypted in chunks and stored under DATA_DIR/files or in
 * an S3 bucket with their SHA-256; downloads stream with Range; links last 15 minutes and open one
 * file only. The same tests run on both storages.
 */
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { eq } from 'drizzle-orm'
import { NextRequest } from 'next/server'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import * as streamRoute from '@/app/api/v1/files/[id]/stream/route'
import * as linkRoute from '@/app/api/v1/orgs/[org]/files/[id]/link/route'
import * as fileRoute from '@/app/api/v1/orgs/[org]/files/[id]/route'
import * as filesRoute from '@/app/api/v1/orgs/[org]/files/route'
import * as orgRoute from '@/app/api/v1/orgs/[org]/route'
import { auditLog, files } from '@/db/schema'
import { answerOf, callRoute } from '@/lib/testing/http'
import { seedOrg, seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { type S3Store, startS3Store } from '@/lib/testing/s3-store'

describe.each(['local', 's3'] as const)('files on %s storage', (storage) => {
  let t: TestRuntime
  let s3: S3Store | undefined
  let owner: Awaited<ReturnType<typeof seedUserWithToken>>
  let org: { id: string; slug: string }
  beforeAll(async () => {
    if (storage === 's3') s3 = await startS3Store()
  })
  afterAll(() => s3?.close())
  beforeEach(async () => {
    t = await createTestRuntime({ MAX_UPLOAD_BYTES: '1MiB', ...s3?.env })
    owner = await seedUserWithToken(t.runtime)
    org = await seedOrg(t.runtime, owner.user.id)
  })
  afterEach(() => {
    vi.useRealTimers()
    return t.cleanup()
  })

  const form = (bytes: Buffer | string, name = 'report.pdf', type = 'application/pdf', field = 'file') => {
    const body = new FormData()
    body.set(field, new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type }), name)
    return body
  }
  const upload = (body: FormData, token = owner.token, orgRef = org.slug) =>
    answerOf(callRoute(filesRoute.POST, '/f', { token, params: { org: orgRef }, body }))
  const stream = (id: string, options: { token?: string; link?: string; range?: string } = {}) =>
    callRoute(streamRoute.GET, `/api/v1/files/${id}/stream${options.link ? `?token=${options.link}` : ''}`, {
      token: options.token,
      params: { id },
      headers: options.range ? { range: options.range } : {},
    })
  const linkFor = (id: string) =>
    answerOf(callRoute(linkRoute.POST, '/l', { method: 'POST', token: owner.token, params: { org: org.slug, id } }))
  const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer())
  /** The names stored for an org, read from the disk or straight from the bucket. */
  const storedFiles = async (orgId = org.id) => {
    if (s3) return (await s3.keys(`${orgId}/`)).map((key) => basename(key))
    const dir = join(t.handle.dataDir, 'files', orgId)
    return existsSync(dir) ? readdirSync(dir) : []
  }
  const storedBytes = (name: string) =>
    s3 ? s3.object(`${org.id}/${name}`) : readFileSync(join(t.handle.dataDir, 'files', org.id, name))

  it('stores an upload encrypted with its SHA-256, lists it, and streams it back', async () => {
    const content = Buffer.concat([Buffer.from('%PDF-1.7 quarterly numbers '), randomBytes(200_000)])
    const created = await upload(form(content, '../../etc/Q3 report.pdf'))
    expect(created).toMatchObject({
      status: 201,
      name: 'Q3 report.pdf',
      size: content.length,
      content_type: 'application/pdf',
      sha256: createHash('sha256').update(content).digest('hex'),
    })
    const [stored] = await storedFiles()
    const onDisk = await storedBytes(stored)
    expect(onDisk.includes(Buffer.from('quarterly numbers'))).toBe(false)
    expect(onDisk.length).toBeGreaterThan(content.length)

    const list = await answerOf(callRoute(filesRoute.GET, '/f', { token: owner.token, params: { org: org.slug } }))
    expect(list).toMatchObject({
      items: [{ id: created.id, name: 'Q3 report.pdf', size: content.length, created_by: owner.user.email }],
      next_cursor: null,
    })

    const response = await stream(created.id, { token: owner.token })
    expect(response.status).toBe(200)
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-disposition': `attachment; filename="Q3 report.pdf"; filename*=UTF-8''Q3%20report.pdf`,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'accept-ranges': 'bytes',
      'content-length': String(content.length),
    })
    expect((await bytesOf(response)).equals(content)).toBe(true)
    const audits = await t.runtime.db.select().from(auditLog).where(eq(auditLog.orgId, org.id))
    expect(audits.map((row) => row.action)).toEqual(expect.arrayContaining(['file.upload', 'file.download']))
  })

  it('serves byte ranges, and refuses ranges outside the file', async () => {
    const content = randomBytes(150_000)
    const { id } = await upload(form(content))
    for (const [header, start, end] of [
      ['bytes=0-9', 0, 9],
      ['bytes=65530-65545', 65530, 65545],
      ['bytes=149990-', 149990, 149999],
      ['bytes=-100', 149900, 149999],
      ['bytes=100000-999999', 100000, 149999],
    ] as const) {
      const response = await stream(id, { token: owner.token, range: header })
      expect(response.status, header).toBe(206)
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/150000`)
      expect((await bytesOf(response)).equals(content.subarray(start, end + 1)), header).toBe(true)
    }
    expect(await answerOf(stream(id, { token: owner.token, range: 'bytes=150000-' }))).toMatchObject({
      status: 416,
      code: 'range_not_satisfiable',
    })
    expect(await answerOf(stream(id, { token: owner.token, range: 'bytes=9-3' }))).toMatchObject({ status: 416 })
    // Several ranges are served as the whole file, which RFC 9110 allows.
    expect((await stream(id, { token: owner.token, range: 'bytes=0-1,5-6' })).status).toBe(200)
  })

  it('opens one file for 15 minutes with a link, and nothing else', async () => {
    const first = await upload(form('first file'))
    const second = await upload(form('second file'))
    const link = await linkFor(first.id)
    expect(link).toMatchObject({
      status: 200,
      url: expect.stringMatching(new RegExp(`/api/v1/files/${first.id}/stream\\?token=`)),
      expires_at: expect.any(String),
    })
    const token = new URL(link.url).searchParams.get('token')!
    expect(new Date(link.expires_at).getTime() - Date.now()).toBeGreaterThan(14 * 60_000)

    expect((await bytesOf(await stream(first.id, { link: token }))).toString()).toBe('first file')
    expect(await answerOf(stream(second.id, { link: token }))).toMatchObject({ status: 401, code: 'invalid_token' })
    expect(await answerOf(stream(first.id, { link: `${token.slice(0, -4)}AAAA` }))).toMatchObject({
      status: 401,
      code: 'invalid_token',
    })
    expect(await answerOf(stream(first.id))).toMatchObject({ status: 401 })
    const [audit] = (await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'file.download'))).filter(
      (row) => (row.meta as { via?: string }).via === 'link',
    )
    expect(audit).toMatchObject({ actorType: 'anonymous', targetId: first.id })

    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 16 * 60_000 })
    expect(await answerOf(stream(first.id, { link: token }))).toMatchObject({ status: 401, code: 'token_expired' })
  })

  it('keeps other orgs out, and deletes the row, the bytes and the links', async () => {
    const { id } = await upload(form('private'))
    const stranger = await seedUserWithToken(t.runtime)
    expect(await answerOf(stream(id, { token: stranger.token }))).toMatchObject({ status: 404, code: 'not_found' })
    const theirs = await seedOrg(t.runtime, stranger.user.id)
    expect(
      await answerOf(
        callRoute(linkRoute.POST, '/l', { method: 'POST', token: stranger.token, params: { org: theirs.slug, id } }),
      ),
    ).toMatchObject({ status: 404 })
    const link = await linkFor(id)
    expect(await storedFiles()).toHaveLength(1)
    expect(
      await answerOf(
        callRoute(fileRoute.DELETE, '/f', { method: 'DELETE', token: owner.token, params: { org: org.slug, id } }),
      ),
    ).toEqual({ status: 204 })
    expect(await storedFiles()).toHaveLength(0)
    expect(await answerOf(stream(id, { link: new URL(link.url).searchParams.get('token')! }))).toMatchObject({
      status: 404,
    })
    expect(
      await answerOf(
        callRoute(fileRoute.DELETE, '/f', { method: 'DELETE', token: owner.token, params: { org: org.slug, id } }),
      ),
    ).toMatchObject({ status: 404 })
  })

  it('removes the stored bytes of every file when the organization is deleted', async () => {
    await upload(form('one'))
    await upload(form('two', 'b.txt', 'text/plain'))
    const other = await seedOrg(t.runtime, owner.user.id)
    await upload(form('kept'), owner.token, other.slug)
    expect(await storedFiles()).toHaveLength(2)
    const deleted = await callRoute(orgRoute.DELETE, '/o', {
      method: 'DELETE',
      token: owner.token,
      params: { org: org.slug },
    })
    expect(deleted.status).toBe(204)
    expect(await storedFiles(org.id)).toHaveLength(0)
    if (!s3) expect(existsSync(join(t.handle.dataDir, 'files', org.id))).toBe(false)
    expect(await storedFiles(other.id)).toHaveLength(1)
    const [audit] = await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'org.delete'))
    expect(audit.meta).toMatchObject({ files: 2 })
  })

  it('refuses an upload over MAX_UPLOAD_BYTES or without a file, and keeps nothing of it', async () => {
    expect(await upload(form(randomBytes(1024 * 1024 + 1)))).toMatchObject({ status: 413, code: 'payload_too_large' })
    expect(await upload(form('x', 'a.txt', 'text/plain', 'attachment'))).toMatchObject({
      status: 422,
      errors: [{ path: 'file' }],
    })
    expect(
      await answerOf(
        callRoute(filesRoute.POST, '/f', {
          token: owner.token,
          params: { org: org.slug },
          body: { file: 'not multipart' },
        }),
      ),
    ).toMatchObject({ status: 422, errors: [{ path: 'file' }] })
    expect(await t.runtime.db.select().from(files)).toHaveLength(0)
    expect((await storedFiles()).filter((name) => !name.endsWith('.part'))).toHaveLength(0)
    expect(await storedFiles()).toHaveLength(0)
    // Exactly at the limit is fine, and an empty file too.
    expect(await upload(form(randomBytes(1024 * 1024)))).toMatchObject({ status: 201, size: 1024 * 1024 })
    const empty = await upload(form(Buffer.alloc(0), 'empty.txt', 'text/plain'))
    expect(empty).toMatchObject({ status: 201, size: 0 })
    expect((await bytesOf(await stream(empty.id, { token: owner.token }))).length).toBe(0)
  })

  it('keeps nothing of an upload whose client goes away halfway', async () => {
    const head = new TextEncoder().encode(
      '--cut\r\nContent-Disposition: form-data; name="file"; filename="half.bin"\r\n\r\n',
    )
    let pulls = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1
        if (pulls === 1) controller.enqueue(head)
        else if (pulls < 6) controller.enqueue(new Uint8Array(100_000))
        else controller.error(new Error('the client went away'))
      },
    })
    const request = new NextRequest(`http://localhost:3000/api/v1/orgs/${org.slug}/files`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'multipart/form-data; boundary=cut' },
      duplex: 'half',
    } as ConstructorParameters<typeof NextRequest>[1])
    const response = await filesRoute.POST(request, { params: Promise.resolve({ org: org.slug }) })
    expect(await answerOf(response)).toMatchObject({ status: 422, errors: [{ path: 'file' }] })
    expect(await t.runtime.db.select().from(files)).toHaveLength(0)
    expect(await storedFiles()).toHaveLength(0)
  })

  // A complete request whose multipart body stops inside the file (a scanner's favourite) answered 500.
  it('refuses a multipart body cut short with 422 and keeps nothing', async () => {
    const truncated = '--cut\r\nContent-Disposition: form-data; name="file"; filename="half.bin"\r\n\r\nonly the start'
    const answer = await answerOf(
      callRoute(filesRoute.POST, '/f', {
        token: owner.token,
        params: { org: org.slug },
        raw: truncated,
        headers: { 'content-type': 'multipart/form-data; boundary=cut' },
      }),
    )
    expect(answer).toMatchObject({ status: 422, code: 'validation_failed', errors: [{ path: 'file' }] })
    expect(await t.runtime.db.select().from(files)).toHaveLength(0)
    expect(await storedFiles()).toHaveLength(0)
  })
})
