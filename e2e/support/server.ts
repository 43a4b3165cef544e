import { type ChildProcess, spawn } from 'node:child_process'
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export const RUN_DIR = join(__dirname, '..', '.run')
const SERVER = join(__dirname, '..', '..', 'scripts', 'server.mjs')

export interface StartedServer {
  name: string
  url: string
  logPath: string
  dataDir: string
  process: ChildProcess
  stop(): Promise<void>
}

export interface ServerOptions {
  name: string
  port: number
  env?: Record<string, string>
  /** The server to run: scripts/server.mjs unless a test runs an assembled standalone copy or the CLI. */
  entry?: string
  args?: string[]
  /** Run as this user and group (the test must be root), as an image's USER runs it. */
  user?: { uid: number; gid: number }
  cwd?: string
}

/** The production build, served by scripts/server.mjs as `npm start` serves it, with its log in e2e/.run/<name>. */
export function spawnServer({ name, port, env = {}, entry = SERVER, args = [], user, cwd }: ServerOptions) {
  const dir = join(RUN_DIR, name)
  mkdirSync(dir, { recursive: true })
  const logPath = join(dir, 'server.log')
  const dataDir = env.DATA_DIR ?? join(dir, 'data')
  const log = createWriteStream(logPath)
  const child = spawn(process.execPath, [entry, ...args], {
    // The suites sign in many times from 127.0.0.1; rate limits have tests of their own.
    env: {
      NODE_ENV: 'production',
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      BIND_HOST: '127.0.0.1',
      APP_URL: `http://localhost:${port}`,
      DATA_DIR: dataDir,
      RATE_LIMIT_AUTH: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...user,
    cwd,
  })
  let stderr = ''
  child.stdout!.pipe(log)
  child.stderr!.on('data', (chunk) => {
    stderr += chunk
    log.write(chunk)
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, logPath, dataDir, exited, stderr: () => stderr, url: `http://localhost:${port}` }
}

export async function startServer(options: ServerOptions): Promise<StartedServer> {
  const { child, logPath, dataDir, exited, stderr, url } = spawnServer(options)
  const deadline = Date.now() + 90_000
  let up = false
  while (!up) {
    if (child.exitCode !== null) throw new Error(`${options.name} server exited with ${child.exitCode}: ${stderr()}`)
    if (Date.now() > deadline) throw new Error(`${options.name} server did not answer /api/ready within 90 s`)
    up = await fetch(`${url}/api/ready`).then(
      (response) => response.ok,
      () => false,
    )
    if (!up) await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return {
    name: options.name,
    url,
    logPath,
    dataDir,
    process: child,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

/** The one-time setup token a fresh instance printed to its log. */
export function setupTokenFromLog(logPath: string): string {
  const match = /setup token: ([\w-]+)\)/.exec(readFileSync(logPath, 'utf8'))
  if (!match) throw new Error(`no setup token in ${logPath}`)
  return match[1]
}
