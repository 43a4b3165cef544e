import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { request as httpsRequest } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect, type SecureVersion } from 'node:tls'
import { expect, test } from '@playwright/test'
import { ConsolePage } from './pages/console-page'
import { LoginPage } from './pages/login-page'
import { spawnServer } from './support/server'

// TLS_CERT_FILE / TLS_KEY_FILE: the production server speaks HTTPS itself, TLS 1.2 at least, and
// takes a renewed certificate on SIGHUP without dropping a request.
test.describe.configure({ mode: 'serial', timeout: 120_000 })

const PORT = 3196
const ADMIN = { email: 'tls-admin@example.com', password: 'Sturdy-Lantern-Path-42!' }
const dir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-tls-'))
const certFile = join(dir, 'cert.pem')
const keyFile = join(dir, 'key.pem')

/** A self-signed P-256 certificate for localhost and 127.0.0.1, written where `name` says. */
function makeCertificate(name: string): { cert: string; key: string } {
  const paths = { cert: join(dir, `${name}-cert.pem`), key: join(dir, `${name}-key.pem`) }
  const made = spawnSync('openssl', [
    ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2'],
    ...['-subj', `/CN=${name}`, '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
    ...['-keyout', paths.key, '-out', paths.cert],
  ])
  expect(made.status, made.stderr.toString()).toBe(0)
  return paths
}

function install(paths: { cert: string; key: string }) {
  copyFileSync(paths.cert, certFile)
  copyFileSync(paths.key, keyFile)
}

/** The certificate the server presents to a new connection (its CN), and the TLS version agreed. */
function handshake(version?: { min?: SecureVersion; max?: SecureVersion; ciphers?: string }) {
  return new Promise<{ subject: string; protocol: string | null }>((resolve, reject) => {
    const socket = connect({
      host: '127.0.0.1',
      port: PORT,
      servername: 'localhost',
      rejectUnauthorized: false,
      minVersion: version?.min ?? 'TLSv1',
      maxVersion: version?.max ?? 'TLSv1.3',
      ciphers: version?.ciphers,
    })
    socket.once('secureConnect', () => {
      const subject = socket.getPeerCertificate().subject.CN as string
      resolve({ subject, protocol: socket.getProtocol() })
      socket.end()
    })
    socket.once('error', reject)
  })
}

/** A GET over HTTPS that trusts exactly `ca`. */
function get(path: string, ca: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const request = httpsRequest({ host: '127.0.0.1', port: PORT, path, ca, servername: 'localhost' }, (response) => {
      let body = ''
      response.on('data', (chunk) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }))
    })
    request.on('error', reject)
    request.end()
  })
}

const first = makeCertificate('first')
let server: ReturnType<typeof spawnServer>

test.beforeAll(async () => {
  install(first)
  server = spawnServer({
    name: 'tls',
    port: PORT,
    env: {
      APP_URL: `https://localhost:${PORT}`,
      TLS_CERT_FILE: certFile,
      TLS_KEY_FILE: keyFile,
      GATEHOUSE_ADMIN_EMAIL: ADMIN.email,
      GATEHOUSE_ADMIN_PASSWORD: ADMIN.password,
    },
  })
  const ca = readFileSync(first.cert, 'utf8')
  await expect
    .poll(
      () =>
        get('/api/ready', ca).then(
          (answer) => answer.status,
          () => 0,
        ),
      { timeout: 90_000 },
    )
    .toBe(200)
})

test.afterAll(async () => {
  if (server.child.exitCode === null) server.child.kill('SIGTERM')
  await server.exited
})

test('serves HTTPS with TLS 1.2 (AEAD suites) or 1.3 only, with HSTS', async () => {
  expect((await handshake()).protocol).toBe('TLSv1.3')
  expect((await handshake({ max: 'TLSv1.2' })).protocol).toBe('TLSv1.2')
  await expect(handshake({ max: 'TLSv1.1' })).rejects.toThrow()
  // TLS 1.2 with CBC and SHA-1, which Node's own default list would take.
  await expect(handshake({ max: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-SHA' })).rejects.toThrow()
  const answer = await get('/api/health', readFileSync(first.cert, 'utf8'))
  expect(answer.status).toBe(200)
  expect(answer.headers['strict-transport-security']).toMatch(/max-age=\d{8,}/)
  expect(readFileSync(server.logPath, 'utf8')).toContain(`"address":"https://127.0.0.1:${PORT}"`)
})

test('a browser signs in over it, through the server action and its redirect', async ({ browser }) => {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, baseURL: `https://localhost:${PORT}` })
  const page = await context.newPage()
  const loginPage = new LoginPage(page)
  await loginPage.open()
  await loginPage.signIn(ADMIN.email, ADMIN.password)
  await expect(new ConsolePage(page).welcome()).toBeVisible()
  const cookies = await context.cookies()
  expect(cookies.find((cookie) => cookie.name.includes('session'))?.secure).toBe(true)
  await context.close()
  expect(readFileSync(server.logPath, 'utf8')).not.toContain('failed to get redirect response')
})

test('takes a renewed certificate on SIGHUP, and keeps the old one when the new files are broken', async () => {
  expect((await handshake()).subject).toBe('first')
  const second = makeCertificate('second')
  install(second)
  server.child.kill('SIGHUP')
  await expect.poll(async () => (await handshake()).subject).toBe('second')
  expect(readFileSync(server.logPath, 'utf8')).toContain('reloaded the TLS certificate')
  expect((await get('/api/health', readFileSync(second.cert, 'utf8'))).status).toBe(200)

  // A renewal half-written (a certificate whose key is not there yet): the working pair stays.
  writeFileSync(keyFile, readFileSync(first.key))
  server.child.kill('SIGHUP')
  await expect
    .poll(() => readFileSync(server.logPath, 'utf8'))
    .toContain('kept the TLS certificate already served: TLS_CERT_FILE and TLS_KEY_FILE do not make a usable pair')
  expect((await handshake()).subject).toBe('second')
  expect(server.child.exitCode).toBeNull()
})

test('refuses to start with a certificate and a key that do not pair, or an http APP_URL', async () => {
  const other = makeCertificate('other')
  const mismatched = spawnServer({
    name: 'tls-mismatch',
    port: PORT + 1,
    env: { APP_URL: `https://localhost:${PORT + 1}`, TLS_CERT_FILE: other.cert, TLS_KEY_FILE: first.key },
  })
  expect(await mismatched.exited).toBe(1)
  expect(mismatched.stderr()).toContain(
    'Gatehouse could not start: TLS_CERT_FILE and TLS_KEY_FILE do not make a usable pair',
  )
  const plain = spawnServer({
    name: 'tls-http-url',
    port: PORT + 1,
    env: { APP_URL: `http://localhost:${PORT + 1}`, TLS_CERT_FILE: other.cert, TLS_KEY_FILE: other.key },
  })
  expect(await plain.exited).toBe(1)
  expect(plain.stderr().trim()).toBe(
    'Invalid configuration: APP_URL: must be https:// when Gatehouse serves TLS itself (TLS_CERT_FILE)',
  )
})
