import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const CLI_BIN = join(__dirname, '..', '..', 'bin', 'gatehouse.mjs')

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/** A home of its own for one user of the CLI: HOME and XDG_CONFIG_HOME under a fresh directory. */
export function cliHome() {
  const home = mkdtempSync(join(tmpdir(), 'gatehouse-cli-'))
  return { HOME: home, XDG_CONFIG_HOME: join(home, '.config') }
}

/** Runs `gatehouse ARGS` as a real process with that home, an optional stdin, and nothing else of ours. */
export function runCli(
  args: string[],
  options: {
    home: Record<string, string>
    env?: Record<string, string>
    input?: string
    cwd?: string
    /** Called with the running CLI, to signal it or watch its output. */
    onStart?: (child: ChildProcess) => void
  },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], {
      env: { NODE_ENV: 'production', PATH: process.env.PATH, ...options.home, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      cwd: options.cwd,
    })
    options.onStart?.(child)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(options.input ?? '')
  })
}
