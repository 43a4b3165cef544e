// npm run bench:observatory: the MDN HTTP Observatory's own scoring of the production build,
// served over HTTPS by Gatehouse itself (a throwaway self-signed certificate the scan is told to
// trust). The scanner is large (about 130 MB), so it is not a dependency; install it first:
//   npm i --no-save --ignore-scripts @mdn/mdn-http-observatory@1.4.8
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildIfNeeded } from '../scripts/build-if-needed.mjs'

const ROOT = new URL('..', import.meta.url).pathname
// The scanner (1.4.8) ignores the ports it is given: it asks https://localhost and http://localhost
// on 443 and 80. So Gatehouse listens on 443 (root, or CAP_NET_BIND_SERVICE) and 80 stays closed.
const PORT = 443
const dir = mkdtempSync(join(tmpdir(), 'gatehouse-observatory-'))
const cert = join(dir, 'cert.pem')
const key = join(dir, 'key.pem')

const made = spawnSync('openssl', [
  ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1'],
  ...['-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost', '-keyout', key, '-out', cert],
])
if (made.status !== 0) throw new Error(`openssl: ${made.stderr}`)

buildIfNeeded()
const server = spawn(process.execPath, [join(ROOT, 'scripts/server.mjs')], {
  cwd: ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: String(PORT),
    // localhost may resolve to ::1 first: listen on both.
    BIND_HOST: '::',
    APP_URL: 'https://localhost',
    DATA_DIR: join(dir, 'data'),
    TLS_CERT_FILE: cert,
    TLS_KEY_FILE: key,
  },
})

// The scan runs in a process of its own: Node reads NODE_EXTRA_CA_CERTS only as it starts.
const SCAN = `
import { scan } from '@mdn/mdn-http-observatory'
const result = await scan('localhost')
const failed = Object.values(result.tests).filter((test) => !test.pass).map((test) => test.name + ': ' + test.result)
console.log(JSON.stringify({ grade: result.scan.grade, score: result.scan.score, passed: result.scan.testsPassed, failed }))
`
try {
  for (let ready = false; !ready; ) {
    if (server.exitCode !== null) throw new Error('the server exited during start-up')
    const probe = spawnSync('curl', ['-sf', '--cacert', cert, 'https://localhost/api/ready'])
    ready = probe.status === 0
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 250))
  }
  const scanned = spawnSync(process.execPath, ['--input-type=module', '-e', SCAN], {
    cwd: ROOT,
    env: { ...process.env, NODE_EXTRA_CA_CERTS: cert },
    encoding: 'utf8',
  })
  if (scanned.status !== 0) throw new Error(scanned.stderr)
  const result = JSON.parse(scanned.stdout.trim().split('\n').pop())
  console.log(`MDN HTTP Observatory: ${result.grade} (score ${result.score}, ${result.passed} tests passed)`)
  for (const line of result.failed) console.log(`  not passed: ${line}`)
} finally {
  server.kill('SIGTERM')
  await new Promise((resolve) => server.once('exit', resolve))
  rmSync(dir, { recursive: true, force: true })
}
