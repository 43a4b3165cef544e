// npm run bench: production build, measured with autocannon. Prints figures and ratios and writes
// them as JSON under bench/results/. Only ever talks to 127.0.0.1.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import postgres from 'postgres'
import { buildIfNeeded } from '../scripts/build-if-needed.mjs'
import { isPostgresReachable, testDatabaseUrl, withDatabase } from '../testing/postgres.mjs'

const ROOT = new URL('..', import.meta.url).pathname
const NEXT_BIN = join(ROOT, 'node_modules/next/dist/bin/next')
const PORT = 3300
const BASE = `http://127.0.0.1:${PORT}`
const ADMIN = { email: 'bench@example.com', password: 'Load-Test-Pass-1!' }
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

function startServer({ env, command = [NEXT_BIN, 'start', '--port', String(PORT), '--hostname', '127.0.0.1'] }) {
  const benchDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-'))
  const child = spawn(process.execPath, command, {
    cwd: ROOT,
    detached: true, // its own process group, so SIGUSR2 reaches next start's workers too
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      LOG_LEVEL: 'warn',
      // The bench measures throughput and hashing, not the limiter's refusals (it has its own target).
      RATE_LIMIT_AUTH: '100000',
      RATE_LIMIT_GLOBAL: '100000000',
      RATE_LIMIT_PER_HOUR: '100000000',
      PORT: String(PORT),
      APP_URL: BASE,
      GATEHOUSE_BENCH_DIR: benchDir,
      NODE_OPTIONS: `--require ${join(ROOT, 'bench/eld-probe.cjs')}`,
      ...env,
    },
  })
  const exited = new Promise((resolve) => child.on('exit', resolve))
  return {
    child,
    benchDir,
    stop: async () => {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {}
      await exited
      // next start's server process may outlive its parent for a moment: wait for the port to close.
      while (await fetch(`${BASE}/api/health`).then(() => true, () => false)) await sleep(50)
      rmSync(benchDir, { recursive: true, force: true })
    },
  }
}

/** Milliseconds from spawn to the first 200 of GET /api/health. */
async function timeToFirst200(server, started) {
  for (;;) {
    if (server.child.exitCode !== null) throw new Error('server exited during start-up')
    const ok = await fetch(`${BASE}/api/health`).then((response) => response.ok, () => false)
    if (ok) return Math.round(performance.now() - started)
    await sleep(20)
  }
}

/** Event-loop delay and RSS since the previous call, from inside the server process. */
async function serverProbe(server) {
  for (const file of readdirSync(server.benchDir)) rmSync(join(server.benchDir, file))
  process.kill(-server.child.pid, 'SIGUSR2')
  await sleep(300)
  const snapshots = readdirSync(server.benchDir).map((file) => JSON.parse(readFileSync(join(server.benchDir, file), 'utf8')))
  return snapshots.sort((a, b) => b.rss - a.rss)[0] // the process that serves: the largest one
}

function cannon(options) {
  return new Promise((resolve, reject) => {
    autocannon({ url: `${BASE}${options.path}`, connections: 50, duration: 10, ...options }, (error, result) => (error ? reject(error) : resolve(result)))
  })
}

async function measure(name, options) {
  await cannon({ ...options, duration: 3 }) // warm-up
  const result = await cannon(options)
  return { name, rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors }
}

async function postgresDatabase() {
  if (!isPostgresReachable()) return undefined
  const adminUrl = testDatabaseUrl()
  const name = `gatehouse_bench_${Date.now().toString(36)}`
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} })
  await sql.unsafe(`create database "${name}"`)
  return { url: withDatabase(adminUrl, name), drop: async () => (await sql.unsafe(`drop database if exists "${name}" with (force)`), await sql.end()) }
}

async function main() {
  buildIfNeeded()
  const results = { at: new Date().toISOString(), machine: { cpus: (await import('node:os')).cpus().length }, startup: {}, http: [], logins: {} }

  // 1. npm start (PGlite, zero configuration) to the first 200: a fresh data directory, then a restart.
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-data-'))
  for (const phase of ['first_start_ms', 'restart_ms']) {
    const started = performance.now()
    const server = startServer({ env: { DATA_DIR: dataDir, BIND_HOST: '127.0.0.1' }, command: [join(ROOT, 'scripts/start.mjs')] })
    results.startup[phase] = await timeToFirst200(server, started)
    await server.stop()
  }
  rmSync(dataDir, { recursive: true, force: true })

  // 2. Load on PostgreSQL when it answers (as production runs), else PGlite.
  const database = await postgresDatabase()
  const serverData = mkdtempSync(join(tmpdir(), 'gatehouse-bench-data-'))
  const server = startServer({
    env: { DATA_DIR: serverData, ...(database ? { DATABASE_URL: database.url } : {}), GATEHOUSE_ADMIN_EMAIL: ADMIN.email, GATEHOUSE_ADMIN_PASSWORD: ADMIN.password },
  })
  results.database = database ? 'postgres' : 'pglite'
  try {
    await timeToFirst200(server, performance.now())
    await sleep(2000)
    results.idle_rss_mib = Math.round((await serverProbe(server)).rss / 1048576)

    results.http.push(await measure('GET /api/health', { path: '/api/health' }))

    // 3. Event-loop delay inside the server while 20 password logins (argon2id) run at once:
    // an idle baseline, one warm-up round, then three measured rounds (median reported).
    await serverProbe(server)
    await sleep(2000)
    const idle = await serverProbe(server)
    const body = JSON.stringify(ADMIN)
    const loginRound = async () => {
      await serverProbe(server)
      const started = performance.now()
      const statuses = await Promise.all(
        Array.from({ length: 20 }, () => fetch(`${BASE}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.status)),
      )
      const wall = Math.round(performance.now() - started)
      const probe = await serverProbe(server)
      return { wall_ms: wall, statuses: [...new Set(statuses)], p50: probe.p50, p99: probe.p99, max: probe.max }
    }
    await loginRound()
    const rounds = [await loginRound(), await loginRound(), await loginRound()]
    const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]
    results.logins = {
      concurrent: 20,
      idle_event_loop_delay_ms: { p99: idle.p99, max: idle.max },
      rounds,
      median: { wall_ms: median(rounds.map((r) => r.wall_ms)), p99: median(rounds.map((r) => r.p99)), max: median(rounds.map((r) => r.max)) },
    }
  } finally {
    await server.stop()
    await database?.drop()
    rmSync(serverData, { recursive: true, force: true })
  }

  const floor = results.http[0].rps
  console.log(`\nGatehouse bench · ${results.machine.cpus} cores · ${results.database}`)
  console.log(`npm start → first 200: ${results.startup.first_start_ms} ms (fresh data dir), ${results.startup.restart_ms} ms (restart)`)
  console.log(`idle RSS: ${results.idle_rss_mib} MiB`)
  for (const row of results.http) {
    console.log(`${row.name.padEnd(28)} ${String(row.rps).padStart(7)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  non-2xx ${row.non2xx}  ×${(row.rps / floor).toFixed(2)} of /api/health`)
  }
  const { logins } = results
  console.log(`event-loop delay idle: p99 ${logins.idle_event_loop_delay_ms.p99} ms, max ${logins.idle_event_loop_delay_ms.max} ms`)
  for (const [i, round] of logins.rounds.entries()) {
    console.log(`20 concurrent logins, round ${i + 1}: ${round.wall_ms} ms wall, statuses ${round.statuses.join(',')}, event-loop delay p50 ${round.p50} ms, p99 ${round.p99} ms, max ${round.max} ms`)
  }
  console.log(`20 concurrent logins, median of 3: event-loop delay p99 ${logins.median.p99} ms (target ≤ 10 ms), ${logins.median.wall_ms} ms wall`)
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true })
  const file = join(ROOT, 'bench/results', `${results.at.replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
  console.log(`\nwritten to ${file.replace(ROOT, '')}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
