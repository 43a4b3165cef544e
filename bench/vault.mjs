// npm run bench:vault: the secrets store and file vault against a production build on PostgreSQL.
// Secret reads with an API key at 50 connections (autocannon, ratio to GET /api/health), export of
// 500 secrets, and upload/download of a 100 MiB file with the server's RSS sampled every 100 ms.
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { buildIfNeeded } from '../scripts/build-if-needed.mjs'
import { isPostgresReachable, testDatabaseUrl, withDatabase } from '../testing/postgres.mjs'
import { median, roundRobin } from './lib/load.mjs'
import { withRss } from './lib/rss.mjs'
import { BASE, ROOT, sleep, startServer, timeToFirst200 } from './lib/server.mjs'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const ADMIN = { email: 'vault-bench@example.com', password: 'Load-Test-Pass-1!' }
const MIB = 1024 * 1024

async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  })
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return response.status === 204
    ? null
    : response.headers.get('content-type')?.includes('json')
      ? response.json()
      : response.text()
}

/** A multipart body of `size` pseudo-random bytes, produced as it is sent: the bench holds 1 MiB at most. */
function multipartStream(size, name) {
  const boundary = `----gatehouse-bench-${randomBytes(8).toString('hex')}`
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const block = randomBytes(MIB)
  let sent = 0
  const body = new ReadableStream({
    start(controller) {
      controller.enqueue(head)
    },
    pull(controller) {
      if (sent >= size) {
        controller.enqueue(tail)
        return controller.close()
      }
      const piece = block.subarray(0, Math.min(MIB, size - sent))
      sent += piece.length
      controller.enqueue(piece)
    },
  })
  return { body, contentType: `multipart/form-data; boundary=${boundary}`, length: head.length + size + tail.length }
}

async function transfer(server, key, size) {
  const upload = multipartStream(size, `bench-${size / MIB}MiB.bin`)
  let file
  const up = await withRss(server, async () => {
    const response = await fetch(`${BASE}/api/v1/orgs/default/files`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': upload.contentType, 'content-length': String(upload.length) },
      body: upload.body,
      duplex: 'half',
    })
    if (response.status !== 201) throw new Error(`upload: ${response.status} ${await response.text()}`)
    file = await response.json()
  })
  let received = 0
  const down = await withRss(server, async () => {
    const response = await fetch(`${BASE}/api/v1/files/${file.id}/stream`, { headers: { 'x-api-key': key } })
    for await (const chunk of response.body) received += chunk.length
  })
  if (received !== size) throw new Error(`downloaded ${received} of ${size} bytes`)
  await api(`/api/v1/orgs/default/files/${file.id}`, { method: 'DELETE', headers: { 'x-api-key': key } })
  const rate = (run) => Math.round((size / MIB / run.seconds) * 10) / 10
  return { size_mib: size / MIB, upload: { mib_per_s: rate(up), ...up }, download: { mib_per_s: rate(down), ...down } }
}

async function main() {
  buildIfNeeded()
  if (!isPostgresReachable())
    throw new Error('npm run bench:vault needs PostgreSQL (TEST_DATABASE_URL or 127.0.0.1:5432)')
  const adminUrl = testDatabaseUrl()
  const name = `gatehouse_vault_${Date.now().toString(36)}`
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} })
  await sql.unsafe(`create database "${name}"`)
  const results = {
    at: new Date().toISOString(),
    machine: { cpus: cpus().length },
    rounds: ROUNDS,
    database: 'postgres',
  }
  const server = startServer({
    env: {
      DATA_DIR: mkdtempSync(join(tmpdir(), 'gatehouse-vault-bench-')),
      DATABASE_URL: withDatabase(adminUrl, name),
      GATEHOUSE_MASTER_KEY: randomBytes(32).toString('base64'),
      GATEHOUSE_ADMIN_EMAIL: ADMIN.email,
      GATEHOUSE_ADMIN_PASSWORD: ADMIN.password,
      RATE_LIMIT_STORE: 'memory',
      MAX_UPLOAD_BYTES: '200MiB',
    },
  })
  try {
    await timeToFirst200(server, performance.now())
    const { access_token: token } = await api('/api/v1/auth/token', { method: 'POST', body: ADMIN })
    const bearer = { authorization: `Bearer ${token}` }
    const { key } = await api('/api/v1/api-keys', {
      method: 'POST',
      headers: bearer,
      body: {
        name: 'vault bench',
        org_id: 'default',
        scopes: ['secret:read', 'secret:write', 'file:read', 'file:write', 'file:delete'],
      },
    })

    // 500 secrets, as a team with many services would hold them.
    const names = Array.from({ length: 500 }, (_, i) => `SERVICE_${String(i).padStart(3, '0')}_TOKEN`)
    for (let i = 0; i < names.length; i += 10) {
      await Promise.all(
        names.slice(i, i + 10).map((secret) =>
          api(`/api/v1/orgs/default/secrets/${secret}`, {
            method: 'PUT',
            headers: { 'x-api-key': key },
            body: { value: randomBytes(48).toString('base64url') },
          }),
        ),
      )
    }
    const exports = []
    for (let i = 0; i < 6; i++) {
      const started = performance.now()
      const text = await api('/api/v1/orgs/default/secrets/export?format=dotenv', { headers: { 'x-api-key': key } })
      if (text.trim().split('\n').length !== 500) throw new Error('export did not hold 500 lines')
      if (i > 0) exports.push(Math.round(performance.now() - started)) // the first warms up
    }
    results.export_500 = { median_ms: median(exports), runs_ms: exports }

    const runs = await roundRobin(
      [
        { name: 'GET /api/health', path: '/api/health' },
        {
          name: 'GET /api/v1/orgs/default/secrets/{name} (API key)',
          path: `/api/v1/orgs/default/secrets/${names[123]}`,
          headers: { 'x-api-key': key },
        },
      ],
      ROUNDS,
    )
    results.http = Object.fromEntries(
      Object.entries(runs).map(([route, list]) => [
        route,
        {
          rps: median(list.map((r) => r.rps)),
          p50: median(list.map((r) => r.p50)),
          p99: median(list.map((r) => r.p99)),
          non2xx: list.reduce((sum, r) => sum + r.non2xx, 0),
          rounds: list,
        },
      ]),
    )
    await sleep(1000)
    results.files = [await transfer(server, key, 10 * MIB), await transfer(server, key, 100 * MIB)]
  } finally {
    await server.stop()
    await sql.unsafe(`drop database if exists "${name}" with (force)`)
    await sql.end()
  }

  const health = results.http['GET /api/health']
  console.log(`\nGatehouse vault bench · ${results.machine.cpus} cores · PostgreSQL · ${ROUNDS} rounds (medians)`)
  for (const [route, row] of Object.entries(results.http)) {
    console.log(
      `${route.padEnd(52)} ${String(row.rps).padStart(6)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  non-2xx ${row.non2xx}  ×${(row.rps / health.rps).toFixed(2)} of /api/health`,
    )
  }
  console.log(
    `export of 500 secrets (dotenv): median ${results.export_500.median_ms} ms (${results.export_500.runs_ms.join(', ')})`,
  )
  for (const run of results.files) {
    console.log(
      `${run.size_mib} MiB file: upload ${run.upload.mib_per_s} MiB/s (RSS ${run.upload.baseline_mib} → peak ${run.upload.peak_mib} MiB), download ${run.download.mib_per_s} MiB/s (RSS ${run.download.baseline_mib} → peak ${run.download.peak_mib} MiB)`,
    )
  }
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true })
  const file = join(ROOT, 'bench/results', `vault-${results.at.replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
  console.log(`\nwritten to ${file.replace(ROOT, '')}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
