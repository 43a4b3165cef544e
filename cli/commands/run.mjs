import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { CliError, EXIT, usage } from '../errors.mjs'
import { listAll } from '../http.mjs'
import { maskedPatterns, maskingStream } from '../mask.mjs'
import { orgOf } from '../org.mjs'
import { callAsUser } from '../session.mjs'
import { secretsPath } from './secrets.mjs'

// A shell's answers: 127 when the command is not there, 126 when it cannot be run, 128+n for signal n.
const NOT_FOUND = 127
const NOT_RUNNABLE = 126
const STOP_GRACE_MS = 10_000
const MAX_BACKOFF_MS = 5 * 60_000

/** The org's newest values (one audited `secret.export`), kept in memory only. */
const fetchSecrets = (context, org) => callAsUser(context, secretsPath(org, '/export?format=json'))

/** Names and versions, never values: what `--watch` polls, so that polling reads (and audits) no secret. */
async function fingerprint(context, org) {
  const items = await listAll((path) => callAsUser(context, path), secretsPath(org))
  return items
    .map((secret) => `${secret.name}:${secret.version}`)
    .sort()
    .join(',')
}

function exitCodeOf(code, signal) {
  if (signal) return 128 + (constants.signals[signal] ?? 0)
  return code ?? EXIT.failure
}

/**
 * One run of the command: the current environment plus the secrets, its output masked where a
 * stream is not a terminal (and masking is on). Resolves with its exit code.
 */
function startChild(command, args, secrets, { mask }) {
  const patterns = mask ? maskedPatterns(Object.values(secrets)) : []
  const maskStdout = patterns.length > 0 && !process.stdout.isTTY
  const maskStderr = patterns.length > 0 && !process.stderr.isTTY
  const child = spawn(command, args, {
    env: { ...process.env, ...secrets },
    stdio: ['inherit', maskStdout ? 'pipe' : 'inherit', maskStderr ? 'pipe' : 'inherit'],
  })
  const piped = []
  if (maskStdout) piped.push(finished(child.stdout.pipe(maskingStream(patterns)), process.stdout))
  if (maskStderr) piped.push(finished(child.stderr.pipe(maskingStream(patterns)), process.stderr))
  const exited = new Promise((resolve) => {
    child.once('error', (error) => {
      if (error.code === 'ENOENT') process.stderr.write(`error: command not found: ${command} (command_not_found)\n`)
      else process.stderr.write(`error: cannot run ${command}: ${error.message} (command_failed)\n`)
      resolve(error.code === 'ENOENT' ? NOT_FOUND : NOT_RUNNABLE)
    })
    child.once('exit', (code, signal) => resolve(exitCodeOf(code, signal)))
  })
  // The exit code once the masked output has all been written.
  const done = exited.then(async (code) => {
    await Promise.all(piped)
    return code
  })
  return { child, done }
}

/** Pipes a masking stream into the terminal's stream without ending it; resolves when it is drained. */
function finished(stream, target) {
  stream.pipe(target, { end: false })
  return new Promise((resolve) => stream.once('end', resolve))
}

/**
 * Signals for the CLI are passed on to the command. Ctrl-C on a terminal reaches the command
 * itself (it is in the terminal's foreground process group), so SIGINT is only passed on when the
 * CLI has no terminal: a second SIGINT would make many programs stop without cleaning up.
 */
function forwardSignals(current) {
  const state = { signalled: false, stop: () => {} }
  const forward = (signal) => () => {
    state.signalled = true
    if (signal === 'SIGINT' && process.stdin.isTTY) return
    current()?.kill(signal)
  }
  const handlers = ['SIGINT', 'SIGTERM', 'SIGHUP'].map((signal) => [signal, forward(signal)])
  for (const [signal, handler] of handlers) process.on(signal, handler)
  state.stop = () => {
    for (const [signal, handler] of handlers) process.off(signal, handler)
  }
  return state
}

/** Stops a run for a restart: SIGTERM, then SIGKILL if it is still there after the grace period. */
async function stopChild(run) {
  if (run.child.exitCode !== null || run.child.signalCode !== null) return
  run.child.kill('SIGTERM')
  const timer = setTimeout(() => run.child.kill('SIGKILL'), STOP_GRACE_MS)
  await run.done
  clearTimeout(timer)
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref())

/**
 * `--watch`: polls names and versions every `interval` (with jitter, backing off while the server
 * cannot be reached) and restarts the command with the new values when one changes. Ends, with the
 * command's exit code, when the command ends by itself.
 */
async function watch(context, org, command, args, options, first) {
  let run = startChild(command, args, first.secrets, options)
  let known = first.fingerprint
  let ended = false
  const signals = forwardSignals(() => run.child)
  try {
    let delay = options.intervalMs
    for (;;) {
      const outcome = await Promise.race([
        run.done.then((code) => ({ ended: true, code })),
        sleep(delay * (0.9 + Math.random() * 0.2)).then(() => ({ ended: false })),
      ])
      if (outcome.ended) {
        ended = true
        return outcome.code
      }
      // Told to stop: wait for the command to end, never start it again.
      if (signals.signalled) continue
      try {
        const now = await fingerprint(context, org)
        delay = options.intervalMs
        if (now === known) continue
        const secrets = await fetchSecrets(context, org)
        process.stderr.write('gatehouse: the secrets changed; restarting the command\n')
        await stopChild(run)
        known = now
        run = startChild(command, args, secrets, options)
      } catch (error) {
        if (error instanceof CliError && error.exitCode === EXIT.signedOut) throw error
        delay = Math.min(MAX_BACKOFF_MS, delay * 2)
        process.stderr.write(
          `gatehouse: could not check the secrets (${error.message}); trying again in ${Math.round(delay / 1000)} s\n`,
        )
      }
    }
  } finally {
    signals.stop()
    if (!ended) await stopChild(run)
  }
}

/** `gatehouse secrets run [--org O] [--watch] [--no-mask] -- CMD ARGS…` */
export async function runWithSecrets(context, commandLine, options) {
  const [command, ...args] = commandLine
  if (!command) throw usage('name the command to run after --')
  const org = await orgOf(context, options.org)
  const settings = { mask: options.mask !== false, intervalMs: options.intervalMs }
  if (options.watch) {
    const known = await fingerprint(context, org)
    const secrets = await fetchSecrets(context, org)
    return watch(context, org, command, args, settings, { secrets, fingerprint: known })
  }
  const run = startChild(command, args, await fetchSecrets(context, org), settings)
  const signals = forwardSignals(() => run.child)
  try {
    return await run.done
  } finally {
    signals.stop()
  }
}
