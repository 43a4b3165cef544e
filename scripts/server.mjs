// The production server: a small Node HTTP(S) server in front of Next's request handler. It exists
// for what Next does not do: the client address and protocol come from the socket (X-Forwarded-*
// from a client is dropped unless TRUST_PROXY names proxy hops), methods Gatehouse does not answer
// get a 405 instead of a 500, and with TLS_CERT_FILE/TLS_KEY_FILE it serves HTTPS itself. Run by
// `npm start`; works from the repository or a standalone build (the directory that holds .next).
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { methodNotAllowed, rewriteForwarding, SERVED_METHODS } from './lib/forwarding.mjs'
import { readTlsFiles, reloadOnHangup } from './lib/tls.mjs'

// Where lib/runtime and lib/config keep the booted runtime (a promise) and the validated configuration.
const RUNTIME_SLOT = Symbol.for('gatehouse.runtime')
const CONFIG_SLOT = Symbol.for('gatehouse.config')
const SERVE_FLAGS_SLOT = Symbol.for('gatehouse.serve-flags')
const BOOT_TIMEOUT_MS = 180_000

/**
 * Next runs instrumentation.ts (which boots Gatehouse: configuration, migrations, keys) as it
 * prepares, without always waiting for it; the server listens only once the boot is done. A boot
 * that fails ends the process itself, with one line (lib/runtime/boot-or-exit.ts).
 */
async function bootedConfig() {
  const deadline = Date.now() + BOOT_TIMEOUT_MS
  while (!globalThis[RUNTIME_SLOT]) {
    if (Date.now() > deadline) throw new Error(`instrumentation.ts did not boot within ${BOOT_TIMEOUT_MS / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  await globalThis[RUNTIME_SLOT]
  return globalThis[CONFIG_SLOT]
}

function appDir() {
  const here = dirname(fileURLToPath(import.meta.url))
  return existsSync(join(here, '.next')) ? here : join(here, '..')
}

const hostPort = (host, port) => `${host.includes(':') ? `[${host}]` : host}:${port}`

/** One line on stdout: readable on a terminal, JSON (as the server's log) otherwise. */
function say(level, message, fields = {}) {
  if (process.stdout.isTTY) process.stdout.write(`${message}\n`)
  else process.stdout.write(`${JSON.stringify({ level, time: new Date().toISOString(), ...fields, msg: message })}\n`)
}

function announceListening(config) {
  const address = `${config.tls ? 'https' : 'http'}://${hostPort(config.bindHost, config.port)}`
  if (process.stdout.isTTY) say('info', `Gatehouse is listening on ${address}; open ${config.appUrl}`)
  else say('info', 'listening', { address, appUrl: config.appUrl })
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve(server.address().port))
  })
}

/**
 * Boots Gatehouse (configuration, migrations, keys: instrumentation.ts) and listens. `flags` are
 * `gatehouse serve`'s, named after their variables ({PORT: '4000'}): they win over the environment.
 */
export async function startGatehouse({ dir = appDir(), flags = {} } = {}) {
  globalThis[SERVE_FLAGS_SLOT] = flags
  process.env.NODE_ENV = 'production'
  process.env.NEXT_TELEMETRY_DISABLED ??= '1'
  // As the next CLI sets it: instrumentation.ts boots only in the Node.js runtime.
  process.env.NEXT_RUNTIME = 'nodejs'
  // The configuration the build was made with (a standalone copy has no next.config.ts), as Next's
  // standalone server.js passes it: next.config.ts is not compiled again at every start.
  const serverFiles = join(dir, '.next', 'required-server-files.json')
  if (existsSync(serverFiles)) {
    process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(JSON.parse(readFileSync(serverFiles, 'utf8')).config)
  }
  const { default: next } = await import('next')
  const app = next({ dir, dev: false })
  await app.prepare()
  const config = await bootedConfig()
  const handle = app.getRequestHandler()
  // `proto`: what the internal listener's requests are made on behalf of (an HTTPS client).
  const answerWith = (hops, proto) => (request, response) => {
    // Every answer, assets and refusals included (lib/http/security-headers.ts sets it too, for next dev).
    if (!config.authEnabled) response.setHeader('X-Gatehouse-Auth', 'disabled')
    if (!SERVED_METHODS.has(request.method ?? '')) return methodNotAllowed(request, response)
    rewriteForwarding(request.headers, request.socket.remoteAddress, hops)
    if (proto) request.headers['x-forwarded-proto'] = proto
    handle(request, response)
  }
  const answer = answerWith(config.trustProxy)
  const server = config.tls ? createHttpsServer(readTlsFiles(config.tls), answer) : createServer(answer)
  await listen(server, config.port, config.bindHost)
  // Next fetches the target of a server action's redirect from this origin (next start sets the
  // same). With TLS it cannot verify its own certificate on 127.0.0.1, so it gets a plain-HTTP
  // listener of its own on loopback; those requests are made on behalf of an HTTPS client.
  let internal
  if (config.tls) {
    reloadOnHangup(server, config.tls, say)
    internal = createServer(answerWith(0, 'https'))
    process.env.__NEXT_PRIVATE_ORIGIN = `http://${hostPort('127.0.0.1', await listen(internal, 0, '127.0.0.1'))}`
  } else {
    const loopback = ['0.0.0.0', '::'].includes(config.bindHost) ? '127.0.0.1' : config.bindHost
    process.env.__NEXT_PRIVATE_ORIGIN = `http://${hostPort(loopback, config.port)}`
  }
  announceListening(config)
  const stop = () => {
    internal?.close()
    server.close(() => process.exit(0))
    server.closeIdleConnections()
    // Requests still running get 10 s to finish (Docker's own grace period); a connection held open
    // must not keep the process alive after that.
    setTimeout(() => process.exit(0), 10_000).unref()
  }
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, stop)
  return { server, config }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  startGatehouse().catch((error) => {
    process.stderr.write(`Gatehouse could not start: ${error.message}\n`)
    process.exit(1)
  })
}
