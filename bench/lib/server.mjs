// Starting and probing the production server for the bench. Only ever 127.0.0.1.
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const ROOT = new URL('../..', import.meta.url).pathname
const SERVER = join(ROOT, 'scripts/server.mjs')
export const PORT = 3300
export const BASE = `http://127.0.0.1:${PORT}`
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

export function startServer({ env, command = [SERVER] }) {
  const benchDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-'))
  const child = spawn(process.execPath, command, {
    cwd: ROOT,
    detached: true, // its own process group, so signals reach every process it starts
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      LOG_LEVEL: 'warn',
      PORT: String(PORT),
      BIND_HOST: '127.0.0.1',
      APP_URL: BASE,
      // The bench measures cost, not refusals: budgets far above what it sends.
      RATE_LIMIT_AUTH: '100000',
      RATE_LIMIT_GLOBAL: '1000000',
      RATE_LIMIT_PER_HOUR: '100000000',
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
      // Wait for the port to close before the next server starts on it.
      while (
        await fetch(`${BASE}/api/health`).then(
          () => true,
          () => false,
        )
      )
        await sleep(50)
      rmSync(benchDir, { recursive: true, force: true })
    },
  }
}

/** Milliseconds from `started` to the first 200 of GET /api/health. */
export async function timeToFirst200(server, started) {
  for (;;) {
    if (server.child.exitCode !== null) throw new Error('server exited during start-up')
    const ok = await fetch(`${BASE}/api/health`).then(
      (response) => response.ok,
      () => false,
    )
    if (ok) return Math.round(performance.now() - started)
    await sleep(20)
  }
}

/** Event-loop delay and RSS since the previous call, from inside the server process. */
export async function serverProbe(server) {
  for (const file of readdirSync(server.benchDir)) rmSync(join(server.benchDir, file))
  process.kill(-server.child.pid, 'SIGUSR2')
  await sleep(300)
  const snapshots = readdirSync(server.benchDir).map((file) =>
    JSON.parse(readFileSync(join(server.benchDir, file), 'utf8')),
  )
  return snapshots.sort((a, b) => b.rss - a.rss)[0] // the process that serves: the largest one
}
