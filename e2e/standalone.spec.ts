import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { expect, test } from '@playwright/test'
import { startS3Store } from '../lib/testing/s3-store'
import { startServer } from './support/server'
import { withThrowawayDatabase } from './support/throwaway-database'

// The standalone build, copied out of the repository and run the way the Docker image runs it: by
// an unprivileged user who cannot write a byte of the copy (a read-only root), with DATA_DIR and a
// temporary directory of its own, on PostgreSQL and S3. It must behave as `npm start` does (the
// address from the socket, 405s, the limiter's driver present although the repository's
// node_modules is not there), and a 100 MiB file must go through it at flat memory.
test.describe.configure({ timeout: 240_000 })

const NOBODY = { uid: 65534, gid: 65534 }
const MiB = 1024 * 1024

/** The server's resident memory, from /proc. */
const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024

/** Samples RSS every 50 ms while `work` runs; the peak. */
async function peakRss(pid: number, work: () => Promise<void>) {
  let peak = rssOf(pid)
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 50)
  try {
    await work()
  } finally {
    clearInterval(timer)
  }
  return Math.max(peak, rssOf(pid))
}

/** A multipart upload of `size` random bytes, streamed (never held whole), and the SHA-256 of those bytes. */
function streamedUpload(size: number) {
  const boundary = `gatehouse-${randomBytes(8).toString('hex')}`
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const hash = createHash('sha256')
  let sent = 0
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(head)
    },
    pull(controller) {
      if (sent === size) {
        controller.enqueue(tail)
        return controller.close()
      }
      const chunk = randomBytes(Math.min(MiB, size - sent))
      hash.update(chunk)
      sent += chunk.length
      controller.enqueue(chunk)
    },
  })
  return {
    body,
    sha256: () => hash.digest('hex'),
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + size + tail.length),
    },
  }
}

/** Links in the copy that lead out of it (into the repository it was built in). */
function linksLeaving(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isSymbolicLink())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((link) => relative(realpathSync(dir), realpathSync(link)).startsWith('..'))
}

test('an assembled standalone build serves the console and takes the client address from the socket', async ({
  page,
}) => {
  expect(process.getuid?.(), 'the test starts the server as another user, so it runs as root').toBe(0)
  const parent = mkdtempSync(join(tmpdir(), 'gatehouse-standalone-'))
  chmodSync(parent, 0o755)
  const dir = join(parent, 'app')
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'standalone.mjs'), dir])
  expect(existsSync(join(dir, 'server.js'))).toBe(false)
  expect(linksLeaving(dir)).toEqual([])
  // What the image gives the server to write: DATA_DIR (the volume) and /tmp (a tmpfs).
  const writable = (name: string) => {
    const path = join(parent, name)
    mkdirSync(path, { mode: 0o700 })
    chownSync(path, NOBODY.uid, NOBODY.gid)
    return path
  }
  const dataDir = writable('data')
  const tmp = writable('tmp')
  const s3 = await startS3Store()
  await withThrowawayDatabase('gatehouse_standalone', async (databaseUrl) => {
    const admin = { email: 'standalone@example.com', password: 'Copied-Build-Works-42' }
    const server = await startServer({
      name: 'standalone',
      port: 3195,
      entry: join(dir, 'server.mjs'),
      cwd: dir,
      user: NOBODY,
      env: {
        HOME: '/nonexistent',
        TMPDIR: tmp,
        DATABASE_URL: databaseUrl,
        DATA_DIR: dataDir,
        GATEHOUSE_ADMIN_EMAIL: admin.email,
        GATEHOUSE_ADMIN_PASSWORD: admin.password,
        MAX_UPLOAD_BYTES: '128MiB',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...s3.env,
      },
    })
    try {
      const ready = await (await fetch(`${server.url}/api/ready`)).json()
      expect(ready.checks.rate_limit_store).toEqual({ status: 'ok', store: 'postgres' })

      const token = await fetch(`${server.url}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '6.6.6.6', 'x-real-ip': '8.8.8.8' },
        body: JSON.stringify(admin),
      }).then((response) => response.json())
      const sessions = await fetch(`${server.url}/api/v1/sessions`, {
        headers: { authorization: `Bearer ${token.access_token}` },
      }).then((response) => response.json())
      expect(sessions.items.find((session: { current: boolean }) => session.current).ip).toBe('127.0.0.1')

      expect((await fetch(`${server.url}/api/v1/me`, { method: 'PROPFIND' })).status).toBe(405)

      const failed: string[] = []
      page.on('response', (response) => {
        if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`)
      })
      await page.goto(`${server.url}/login`)
      await page.getByLabel('E-mail').fill(admin.email)
      await page.getByLabel('Password').fill(admin.password)
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()
      await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible()
      // The stylesheet from the copied .next/static applies: unstyled, a heading is bold (700), not semibold.
      await expect(page.getByRole('heading', { name: /^Welcome/ })).toHaveCSS('font-weight', '600')
      expect(failed).toEqual([])
      expect(readFileSync(server.logPath, 'utf8')).not.toContain('rate limit store')

      // 100 MiB up and down through S3, twice, with the server's memory measured from outside. The
      // first transfer grows the process once (the S3 client loads, the heap finds its working size);
      // the second shows whether memory follows the file's size.
      const auth = { authorization: `Bearer ${token.access_token}` }
      const pid = server.process.pid!
      const transfer = async (size: number) => {
        const upload = streamedUpload(size)
        const response = await fetch(`${server.url}/api/v1/orgs/default/files`, {
          method: 'POST',
          headers: { ...auth, ...upload.headers },
          body: upload.body,
          duplex: 'half',
        } as RequestInit)
        const created = await response.json()
        expect(response.status, JSON.stringify(created)).toBe(201)
        expect(created).toMatchObject({ size, sha256: upload.sha256() })
        const download = await fetch(`${server.url}/api/v1/files/${created.id}/stream`, { headers: auth })
        expect(download.status).toBe(200)
        const downloaded = createHash('sha256')
        let received = 0
        for await (const chunk of download.body as unknown as AsyncIterable<Uint8Array>) {
          downloaded.update(chunk)
          received += chunk.length
        }
        expect(received).toBe(size)
        expect(downloaded.digest('hex')).toBe(created.sha256)
        return created.id as string
      }
      const growth: number[] = []
      let id = ''
      for (let round = 0; round < 2; round++) {
        const before = rssOf(pid)
        const peak = await peakRss(pid, async () => {
          id = await transfer(100 * MiB)
        })
        growth.push(peak - before)
      }
      expect(await s3.keys()).toContainEqual(expect.stringMatching(new RegExp(`/${id}\\.bin$`)))
      const description = `RSS peak +${(growth[0] / MiB).toFixed(1)} MiB over the first 100 MiB up and down, +${(growth[1] / MiB).toFixed(1)} MiB over the second`
      test.info().annotations.push({ type: 'rss', description })
      console.log(description)
      // Flat: the second 100 MiB grows the process by less than the file (held whole, it would take
      // more than the file twice over: plaintext and ciphertext). What it does hold, with the garbage
      // collector's timing on top (35 to 58 MiB measured), is the upload's 8 MiB parts in flight.
      expect(growth[1]).toBeLessThan(90 * MiB)

      // It wrote nothing but DATA_DIR and its tmp: the copy stays as assembled (owned by root, never written).
      expect(readFileSync(server.logPath, 'utf8')).not.toMatch(/EACCES|EROFS|permission denied/i)
      expect(readdirSync(dataDir)).not.toContain('files')
    } finally {
      await server.stop()
      await s3.close()
    }
  }).finally(() => rmSync(parent, { recursive: true, force: true }))
})
