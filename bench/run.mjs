// npm run bench: production build, measured with autocannon (50 connections, 10 s after a warm-up).
// Prints figures and ratios to GET /api/health and writes them as JSON under bench/results/.
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { buildIfNeeded } from '../scripts/build-if-needed.mjs'
import { isPostgresReachable, testDatabaseUrl, withDatabase } from '../testing/postgres.mjs'
import { cliStartup } from './lib/cli-startup.mjs'
import { median, roundRobin } from './lib/load.mjs'
import { mixedLoad } from './lib/mixed-load.mjs'
import { BASE, ROOT, serverProbe, sleep, startServer, timeToFirst200 } from './lib/server.mjs'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const ADMIN = { email: 'bench@example.com', password: 'Load-Test-Pass-1!' }

async function startupTimes() {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-data-'))
  const times = {}
  for (const phase of ['first_start_ms', 'restart_ms']) {
    const started = performance.now()
    const server = startServer({
      env: { DATA_DIR: dataDir, BIND_HOST: '127.0.0.1' },
      command: [join(ROOT, 'scripts/start.mjs')],
    })
    times[phase] = await timeToFirst200(server, started)
    await server.stop()
  }
  rmSync(dataDir, { recursive: true, force: true })
  return times
}

async function postgresDatabase() {
  if (!isPostgresReachable()) return undefined
  const adminUrl = testDatabaseUrl()
  const name = `gatehouse_bench_${Date.now().toString(36)}`
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} })
  await sql.unsafe(`create database "${name}"`)
  return {
    url: withDatabase(adminUrl, name),
    drop: async () => {
      await sql.unsafe(`drop database if exists "${name}" with (force)`)
      await sql.end()
    },
  }
}

async function post(path, body, headers = {}) {
  const response = await fetch(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
  return response.json()
}

/** An access token, an API key and a browser session for the bench's admin. */
async function credentials(databaseUrl) {
  const { access_token: accessToken } = await post('/api/v1/auth/token', ADMIN)
  const { key } = await post(
    '/api/v1/api-keys',
    { name: 'bench', org_id: 'default', scopes: ['member:read', 'org:read'] },
    { authorization: `Bearer ${accessToken}` },
  )
  // A browser session the way the sign-in form makes one: a row keyed by the cookie's SHA-256.
  const cookie = randomBytes(32).toString('base64url')
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
  await sql`insert into sessions (session_token_hash, id, user_id, expires) select ${createHash('sha256').update(cookie).digest('hex')}, gen_random_uuid()::text, id, now() + interval '1 day' from users where email = ${ADMIN.email}`
  await sql.end()
  return { accessToken, key, cookie }
}

async function loginRounds(server) {
  await serverProbe(server)
  await sleep(2000)
  const idle = await serverProbe(server)
  const body = JSON.stringify(ADMIN)
  const round = async () => {
    await serverProbe(server)
    const started = performance.now()
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${BASE}/api/v1/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        }).then((r) => r.status),
      ),
    )
    const wall = Math.round(performance.now() - started)
    const probe = await serverProbe(server)
    return { wall_ms: wall, statuses: [...new Set(statuses)], p50: probe.p50, p99: probe.p99, max: probe.max }
  }
  await round() // warm-up
  const rounds = []
  for (let i = 0; i < ROUNDS; i++) rounds.push(await round())
  return {
    concurrent: 20,
    idle_event_loop_delay_ms: { p99: idle.p99, max: idle.max },
    rounds,
    median: { wall_ms: median(rounds.map((r) => r.wall_ms)), p99: median(rounds.map((r) => r.p99)) },
  }
}

function summarise(runs) {
  const floor = runs['GET /api/health'].map((run) => run.rps)
  return Object.fromEntries(
    Object.entries(runs).map(([name, list]) => [
      name,
      {
        rps: median(list.map((run) => run.rps)),
        p50: median(list.map((run) => run.p50)),
        p99: median(list.map((run) => run.p99)),
        non2xx: list.reduce((sum, run) => sum + run.non2xx, 0),
        ratio_to_health: median(list.map((run, i) => run.rps / floor[i])).toFixed(2),
        rounds: list,
      },
    ]),
  )
}

async function main() {
  buildIfNeeded()
  const results = { at: new Date().toISOString(), machine: { cpus: cpus().length }, rounds: ROUNDS }
  results.startup = await startupTimes()

  const database = await postgresDatabase()
  if (!database) throw new Error('npm run bench needs PostgreSQL (TEST_DATABASE_URL or 127.0.0.1:5432)')
  results.database = 'postgres'
  const serverEnv = (extra = {}) => ({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'gatehouse-bench-data-')),
    DATABASE_URL: database.url,
    GATEHOUSE_MASTER_KEY: masterKey,
    GATEHOUSE_ADMIN_EMAIL: ADMIN.email,
    GATEHOUSE_ADMIN_PASSWORD: ADMIN.password,
    RATE_LIMIT_STORE: 'memory',
    ...extra,
  })
  const masterKey = randomBytes(32).toString('base64')
  try {
    let server = startServer({ env: serverEnv() })
    await timeToFirst200(server, performance.now())
    await sleep(2000)
    results.idle_rss_mib = Math.round((await serverProbe(server)).rss / 1048576)
    const { accessToken, key, cookie } = await credentials(database.url)
    const me = '/api/v1/me'
    const targets = [
      { name: 'GET /api/health', path: '/api/health' },
      { name: 'GET /api/v1/me (access token)', path: me, headers: { authorization: `Bearer ${accessToken}` } },
      { name: 'GET /api/v1/me (API key)', path: me, headers: { 'x-api-key': key } },
      { name: 'GET /api/v1/me (session cookie)', path: me, headers: { cookie: `gatehouse.session=${cookie}` } },
      {
        name: 'GET /api/v1/orgs/default/members (API key)',
        path: '/api/v1/orgs/default/members',
        headers: { authorization: `Bearer ${key}` },
      },
    ]
    results.cli_startup = cliStartup({ server: BASE, apiKey: key })
    results.http = summarise(await roundRobin(targets, ROUNDS))
    results.logins = await loginRounds(server)
    results.mixed_load = await mixedLoad(server, { accessToken, key, admin: ADMIN })
    await server.stop()

    // The limiter's cost: the same route on a server with RATE_LIMIT_ENABLED=false, alternating.
    const limiterRuns = { on: [], off: [] }
    for (let round = 0; round < ROUNDS; round++) {
      for (const state of ['on', 'off']) {
        server = startServer({ env: serverEnv({ RATE_LIMIT_ENABLED: state === 'on' ? 'true' : 'false' }) })
        await timeToFirst200(server, performance.now())
        const [run] = (
          await roundRobin([{ name: state, path: me, headers: { authorization: `Bearer ${accessToken}` } }], 1)
        )[state]
        limiterRuns[state].push(run)
        await server.stop()
      }
    }
    const on = median(limiterRuns.on.map((run) => run.rps))
    const off = median(limiterRuns.off.map((run) => run.rps))
    results.limiter = {
      route: 'GET /api/v1/me (access token)',
      on_rps: on,
      off_rps: off,
      cost: `${(((off - on) / off) * 100).toFixed(1)} %`,
      runs: limiterRuns,
    }
  } finally {
    await database.drop()
  }

  console.log(
    `\nGatehouse bench · ${results.machine.cpus} cores · PostgreSQL · memory rate-limit store · ${ROUNDS} rounds (medians)`,
  )
  console.log(
    `npm start → first 200: ${results.startup.first_start_ms} ms (fresh data dir), ${results.startup.restart_ms} ms (restart)`,
  )
  console.log(`idle RSS: ${results.idle_rss_mib} MiB`)
  const cli = results.cli_startup
  console.log(
    `gatehouse whoami ${cli.whoami_ms} ms vs node -e 0 ${cli.node_ms} ms: ×${cli.ratio} (max ×${cli.max_ratio}, target ≤ ×4, ${cli.rounds} pairs)`,
  )
  for (const [name, row] of Object.entries(results.http)) {
    console.log(
      `${name.padEnd(44)} ${String(row.rps).padStart(6)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  non-2xx ${row.non2xx}  ×${row.ratio_to_health} of /api/health`,
    )
  }
  console.log(
    `rate limiter on ${results.limiter.on_rps} req/s vs off ${results.limiter.off_rps} req/s: costs ${results.limiter.cost}`,
  )
  const { logins } = results
  for (const [i, round] of logins.rounds.entries()) {
    console.log(
      `20 concurrent logins, round ${i + 1}: ${round.wall_ms} ms wall, statuses ${round.statuses.join(',')}, event-loop delay p99 ${round.p99} ms, max ${round.max} ms`,
    )
  }
  console.log(
    `event-loop delay p99 during 20 logins (median): ${logins.median.p99} ms; idle p99 ${logins.idle_event_loop_delay_ms.p99} ms`,
  )
  const load = results.mixed_load
  console.log(
    `mixed load, ${load.connections} connections for ${load.duration_s} s: ${load.requests} requests, ${load.rps} req/s, p50 ${load.latency_ms.p50} ms, p99 ${load.latency_ms.p99} ms, max ${load.latency_ms.max} ms, non-2xx ${load.non2xx}, errors ${load.errors}, timeouts ${load.timeouts}; event-loop delay p99 ${load.event_loop_delay_ms.p99} ms (max ${load.event_loop_delay_ms.max} ms), RSS ${load.rss_mib} MiB`,
  )
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true })
  const file = join(ROOT, 'bench/results', `${results.at.replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
  console.log(`\nwritten to ${file.replace(ROOT, '')}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
