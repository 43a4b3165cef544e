// npm run bench:audit: the audit log with 200,000 events in one org, against a production build on
// PostgreSQL. Paired in one run (round-robin, autocannon at 50 connections): GET /api/v1/me, the
// first page of a filtered list and a page deep in it; then a CSV export of every event with the
// server's RSS sampled every 100 ms.
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { buildIfNeeded } from '../scripts/build-if-needed.mjs'
import { isPostgresReachable, testDatabaseUrl, withDatabase } from '../testing/postgres.mjs'
import { median, roundRobin } from './lib/load.mjs'
import { withRss } from './lib/rss.mjs'
import { BASE, ROOT, startServer, timeToFirst200 } from './lib/server.mjs'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 200_000)
const ADMIN = { email: 'audit-bench@example.com', password: 'Load-Test-Pass-1!' }

/** EVENTS rows in the default org, a quarter of them secret.read, appended after the real chain. */
async function seedEvents(databaseUrl) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
  const [{ base }] = await sql`select coalesce(max(seq), 0)::bigint as base from audit_log`
  await sql`
    insert into audit_log (id, seq, at, action, outcome, actor_type, actor_id, actor_email, target_type, target_id,
      org_id, ip, user_agent, meta, prev_hash, hash)
    select gen_random_uuid()::text, ${base}::bigint + g, now() - make_interval(secs => ${EVENTS} - g),
      (array['secret.read', 'secret.write', 'file.download', 'auth.login'])[1 + g % 4],
      case when g % 50 = 0 then 'failure' else 'success' end, 'user', u.id, u.email, 'secret', 'SECRET_' || (g % 500),
      o.id, '203.0.113.' || (g % 250), 'bench/1.0', jsonb_build_object('version', g % 7), 'bench', 'bench'
    from generate_series(1, ${EVENTS}::int) g, users u, organizations o
    where u.email = ${ADMIN.email} and o.slug = 'default'`
  // Seeded as if already written to the server log: the bench measures the API, not the log shipper.
  await sql`update audit_log_shipped set seq = (select max(seq) from audit_log)`
  const [{ count }] = await sql`select count(*)::int as count from audit_log`
  await sql.end()
  return { base: Number(base), count }
}

async function main() {
  buildIfNeeded()
  if (!isPostgresReachable())
    throw new Error('npm run bench:audit needs PostgreSQL (TEST_DATABASE_URL or 127.0.0.1:5432)')
  const adminUrl = testDatabaseUrl()
  const name = `gatehouse_audit_${Date.now().toString(36)}`
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database "${name}"`)
  const databaseUrl = withDatabase(adminUrl, name)
  const results = { at: new Date().toISOString(), machine: { cpus: cpus().length }, rounds: ROUNDS, events: EVENTS }
  const server = startServer({
    env: {
      DATA_DIR: mkdtempSync(join(tmpdir(), 'gatehouse-audit-bench-')),
      DATABASE_URL: databaseUrl,
      GATEHOUSE_MASTER_KEY: randomBytes(32).toString('base64'),
      GATEHOUSE_ADMIN_EMAIL: ADMIN.email,
      GATEHOUSE_ADMIN_PASSWORD: ADMIN.password,
      RATE_LIMIT_STORE: 'memory',
    },
  })
  try {
    await timeToFirst200(server, performance.now())
    const tokenResponse = await fetch(`${BASE}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    })
    const { access_token: token } = await tokenResponse.json()
    const bearer = { authorization: `Bearer ${token}` }
    const seeded = await seedEvents(databaseUrl)
    results.log_rows = seeded.count
    // A cursor that starts 10,000 events from the oldest: the deep end of the filtered list.
    const deep = Buffer.from(`k:${seeded.base + 10_000}`).toString('base64url')
    const list = '/api/v1/orgs/default/audit?action=secret.read&limit=50'
    const targets = [
      { name: 'GET /api/v1/me', path: '/api/v1/me', headers: bearer },
      { name: 'audit page 1 (action=secret.read, limit=50)', path: list, headers: bearer },
      { name: 'audit deep page (10,000 events from the oldest)', path: `${list}&cursor=${deep}`, headers: bearer },
    ]
    const runs = await roundRobin(targets, ROUNDS)
    const rps = (target) => median(runs[target.name].map((run) => run.rps))
    const me = rps(targets[0])
    results.http = Object.fromEntries(
      targets.map((target) => [
        target.name,
        {
          rps: rps(target),
          ratio_to_me: (rps(target) / me).toFixed(2),
          non2xx: runs[target.name].reduce((sum, run) => sum + run.non2xx, 0),
          rounds: runs[target.name],
        },
      ]),
    )
    results.deep_to_first = (rps(targets[2]) / rps(targets[1])).toFixed(2)

    let lines = 0
    const exported = await withRss(server, async () => {
      const response = await fetch(`${BASE}/api/v1/orgs/default/audit?format=csv`, { headers: bearer })
      if (response.status !== 200) throw new Error(`export: ${response.status} ${await response.text()}`)
      const decoder = new TextDecoder()
      for await (const chunk of response.body)
        lines += (decoder.decode(chunk, { stream: true }).match(/\n/g) ?? []).length
    })
    results.csv_export = { rows: lines - 1, ...exported, rss_growth_mib: exported.peak_mib - exported.baseline_mib }
  } finally {
    await server.stop()
    await admin.unsafe(`drop database if exists "${name}" with (force)`)
    await admin.end()
  }

  console.log(`\nGatehouse audit bench · ${results.machine.cpus} cores · PostgreSQL · ${results.log_rows} audit rows`)
  for (const [target, row] of Object.entries(results.http)) {
    console.log(
      `${target.padEnd(50)} ${String(row.rps).padStart(6)} req/s  ×${row.ratio_to_me} of /me  non-2xx ${row.non2xx}`,
    )
  }
  console.log(`deep page ÷ first page: ×${results.deep_to_first}`)
  const csv = results.csv_export
  console.log(
    `CSV export: ${csv.rows} rows in ${csv.seconds.toFixed(1)} s, server RSS ${csv.baseline_mib} → ${csv.peak_mib} MiB (+${csv.rss_growth_mib} MiB)`,
  )
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true })
  const file = join(ROOT, 'bench/results', `audit-${results.at.replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
  console.log(`\nwritten to ${file.replace(ROOT, '')}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
