import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { generate } from 'otplib'
import { CLI_BIN, cliHome, runCli } from './support/cli'
import { RUN_DIR, type StartedServer, startServer } from './support/server'

// The gatehouse CLI as a real process, with a home of its own, against a production server that
// the CLI itself set up (`gatehouse init`) and started (`gatehouse serve`).
test.describe.configure({ mode: 'serial' })

const ADMIN = { email: 'cli-admin@example.com', password: 'Headless-Admin-Pass-1' }
const PORT = 3105
const INSTANCE = join(RUN_DIR, 'cli-instance')
const TOML = join(INSTANCE, 'gatehouse.toml')
let server: StartedServer

test.beforeAll(async () => {
  rmSync(INSTANCE, { recursive: true, force: true })
  mkdirSync(INSTANCE, { recursive: true })
  const init = await runCli(
    ['init', '--app-url', `http://localhost:${PORT}`, '--data-dir', 'data', '--file', 'gatehouse.toml'],
    { home: cliHome(), cwd: INSTANCE },
  )
  expect(init.code, init.stderr).toBe(0)
  expect(init.stdout).toContain(`Wrote ${TOML} (readable by you only).`)
  server = await startServer({
    name: 'cli',
    port: PORT,
    entry: CLI_BIN,
    // The flags win over PORT and LOG_LEVEL in the environment; the rest comes from gatehouse.toml.
    args: ['serve', '--port', String(PORT), '--bind', '127.0.0.1', '--log-level', 'info'],
    env: {
      GATEHOUSE_CONFIG: TOML,
      PORT: '3199',
      LOG_LEVEL: 'silent',
      APP_URL: '',
      DATA_DIR: '',
      GATEHOUSE_ADMIN_EMAIL: ADMIN.email,
      GATEHOUSE_ADMIN_PASSWORD: ADMIN.password,
      // Every CLI run here comes from 127.0.0.1; a 429 would only make the CLI wait out Retry-After.
      RATE_LIMIT_GLOBAL: '100000',
    },
  })
})
test.afterAll(() => server?.stop())

const api = async (path: string, init: { method?: string; token?: string; body?: unknown } = {}) => {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: {
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  })
  return { status: response.status, body: response.status === 204 ? null : await response.json() }
}
const tokenFor = async (email: string, password: string) =>
  (await api('/api/v1/auth/token', { body: { email, password } })).body.access_token as string
const credentialsOf = (home: Record<string, string>) => join(home.XDG_CONFIG_HOME, 'gatehouse', 'auth.json')

test('login stores a 0600 credential per server, whoami reads it, logout revokes it on the server', async () => {
  const home = cliHome()
  const login = await runCli(['login', '--server', server.url, '--email', ADMIN.email, '--password-stdin'], {
    home,
    input: `${ADMIN.password}\n`,
  })
  expect(login).toMatchObject({ code: 0, stderr: '' })
  expect(login.stdout).toContain(`Signed in to ${server.url} as ${ADMIN.email}.`)
  expect(statSync(credentialsOf(home)).mode & 0o777).toBe(0o600)
  const stored = JSON.parse(readFileSync(credentialsOf(home), 'utf8'))
  expect(stored.last_server).toBe(server.url)
  // The last login's server is the default from now on.
  const whoami = await runCli(['whoami'], { home })
  expect(whoami.code).toBe(0)
  expect(whoami.stdout).toContain(`${ADMIN.email} (`)
  const json = await runCli(['whoami', '--json'], { home })
  expect(JSON.parse(json.stdout)).toMatchObject({ email: ADMIN.email, auth: { type: 'access_token' } })

  const refreshToken = stored.servers[server.url].refresh_token
  expect(await runCli(['logout'], { home })).toMatchObject({ code: 0 })
  expect((await api('/api/v1/auth/refresh', { body: { refresh_token: refreshToken } })).status).toBe(401)
  expect(JSON.parse(readFileSync(credentialsOf(home), 'utf8')).servers).toEqual({})
  const after = await runCli(['whoami', '--server', server.url], { home })
  expect(after).toMatchObject({ code: 3, stdout: '' })
  expect(after.stderr).toBe(`error: not signed in to ${server.url}: run gatehouse login (not_signed_in)\n`)
})

test('an expired access token is refreshed, and the rotated pair is written back at 0600', async () => {
  const home = cliHome()
  await runCli(['login', '--server', server.url, '--email', ADMIN.email, '--password-stdin'], {
    home,
    input: ADMIN.password,
  })
  const before = JSON.parse(readFileSync(credentialsOf(home), 'utf8'))
  const entry = before.servers[server.url]
  entry.expires_at = new Date(Date.now() - 1000).toISOString()
  writeFileSync(credentialsOf(home), JSON.stringify(before), { mode: 0o600 })
  expect((await runCli(['whoami'], { home })).code).toBe(0)
  const after = JSON.parse(readFileSync(credentialsOf(home), 'utf8')).servers[server.url]
  expect(after.refresh_token).not.toBe(entry.refresh_token)
  expect(Date.parse(after.expires_at)).toBeGreaterThan(Date.now())
  expect(statSync(credentialsOf(home)).mode & 0o777).toBe(0o600)
  // The spent refresh token is dead on the server.
  expect((await api('/api/v1/auth/refresh', { body: { refresh_token: entry.refresh_token } })).status).toBe(401)
})

test('the credential order is --api-key, then GATEHOUSE_API_KEY, then the stored sign-in', async () => {
  const admin = await tokenFor(ADMIN.email, ADMIN.password)
  const orgs = (await api('/api/v1/me', { token: admin })).body.orgs
  const mint = async (name: string) =>
    (await api('/api/v1/api-keys', { token: admin, body: { name, org_id: orgs[0].id, scopes: ['org:read'] } })).body
  const [flagKey, envKey] = [await mint('flag'), await mint('env')]
  const home = cliHome()
  await runCli(['login', '--server', server.url, '--email', ADMIN.email, '--password-stdin'], {
    home,
    input: ADMIN.password,
  })
  const via = async (args: string[], env: Record<string, string> = {}) =>
    JSON.parse((await runCli(['whoami', '--json', ...args], { home, env })).stdout).auth
  expect(await via([])).toEqual({ type: 'access_token' })
  expect(await via([], { GATEHOUSE_API_KEY: envKey.key })).toMatchObject({ type: 'api_key', key_id: envKey.id })
  expect(await via(['--api-key', flagKey.key], { GATEHOUSE_API_KEY: envKey.key })).toMatchObject({
    key_id: flagKey.id,
  })
  // login --api-key stores the key instead of tokens.
  const keyHome = cliHome()
  expect(await runCli(['login', '--server', server.url, '--api-key', envKey.key], { home: keyHome })).toMatchObject({
    code: 0,
  })
  expect(JSON.parse((await runCli(['whoami', '--json'], { home: keyHome })).stdout).auth.key_id).toBe(envKey.id)
})

test('two-factor: a code or a recovery code without a terminal, and a readable line without one', async () => {
  const person = { email: `cli-2fa-${Date.now()}@example.com`, name: 'Tess Two', password: 'Second-Factor-Pass-9' }
  const admin = await tokenFor(ADMIN.email, ADMIN.password)
  expect((await api('/api/v1/admin/users', { token: admin, body: person })).status).toBe(201)
  const token = await tokenFor(person.email, person.password)
  const { secret } = (await api('/api/v1/auth/mfa/totp/setup', { method: 'POST', token })).body
  const enabled = await api('/api/v1/auth/mfa/totp/enable', {
    token,
    body: { code: await generate({ secret }), password: person.password },
  })
  expect(enabled.status).toBe(200)
  const home = cliHome()
  const login = (extra: string[]) =>
    runCli(['login', '--server', server.url, '--email', person.email, '--password-stdin', ...extra], {
      home,
      input: person.password,
    })
  const bare = await login([])
  expect(bare.code).toBe(1)
  expect(bare.stderr).toMatch(/^error: .*pass --totp CODE or --recovery-code CODE \(mfa_required\)\n$/)
  expect((await login(['--totp', '000000'])).stderr).toContain('(invalid_mfa_code)')
  expect(await login(['--recovery-code', enabled.body.recovery_codes[0]])).toMatchObject({ code: 0 })
  expect(await login(['--recovery-code', enabled.body.recovery_codes[0]])).toMatchObject({ code: 1 })
})

test('api-keys create prints the key once, list never shows it, revoke stops it at once', async () => {
  const home = cliHome()
  await runCli(['login', '--server', server.url, '--email', ADMIN.email, '--password-stdin'], {
    home,
    input: ADMIN.password,
  })
  const created = await runCli(
    ['api-keys', 'create', 'deploys', '--scope', 'org:read', '--scope', 'secret:read', '--expires', '30d'],
    { home },
  )
  expect(created.code).toBe(0)
  const key = created.stdout.trim()
  expect(key).toMatch(/^gk_[0-9A-Za-z]{49}$/)
  expect(created.stderr).toContain('The key is shown this once')
  const listed = JSON.parse((await runCli(['api-keys', 'list', '--json'], { home })).stdout)
  const mine = listed.find((item: { name: string }) => item.name === 'deploys')
  expect(mine).toMatchObject({ scopes: ['org:read', 'secret:read'] })
  expect(Date.parse(mine.expires_at) - Date.now()).toBeGreaterThan(29 * 86_400_000)
  expect(JSON.stringify(listed)).not.toContain(key)
  expect((await runCli(['api-keys', 'list'], { home })).stdout).toContain(`${mine.id}\tdeploys\t`)
  expect(JSON.parse((await runCli(['whoami', '--json', '--api-key', key], { home })).stdout).auth.key_id).toBe(mine.id)
  expect(await runCli(['api-keys', 'revoke', mine.id], { home })).toMatchObject({ code: 0 })
  expect((await runCli(['whoami', '--api-key', key], { home })).code).toBe(1)
  expect((await runCli(['api-keys', 'revoke', mine.id], { home })).stderr).toContain('(not_found)')
  expect((await runCli(['api-keys', 'create', 'x', '--scope', 'org:read', '--expires', 'soon'], { home })).code).toBe(2)
  expect((await runCli(['api-keys', 'create', 'x', '--scope', 'no:such'], { home })).stderr).toContain(
    '(validation_failed)',
  )
})

test('failures are one line with the code and the exit code SPEC §10 names, never a stack trace', async () => {
  const home = cliHome()
  const down = await runCli(['whoami', '--server', 'http://127.0.0.1:3199'], {
    home,
    env: { GATEHOUSE_API_KEY: 'gk_x' },
  })
  expect(down).toMatchObject({ code: 1, stdout: '' })
  expect(down.stderr).toBe(
    'error: cannot reach http://127.0.0.1:3199: connection refused (is it running?) (unreachable)\n',
  )
  const wrong = await runCli(['login', '--server', server.url, '--email', ADMIN.email, '--password-stdin'], {
    home,
    input: 'not-the-password',
  })
  expect(wrong.code).toBe(1)
  expect(wrong.stderr).toMatch(/^error: .+ \(invalid_credentials\)\n$/)
  expect((await runCli(['whoami', '--server', 'ftp://example.com'], { home })).code).toBe(2)
  expect((await runCli(['login', '--server', server.url], { home })).code).toBe(2)
  expect(await runCli(['no-such-command'], { home })).toMatchObject({
    code: 2,
    stderr: "error: unknown command 'no-such-command' (usage)\n",
  })
  const version = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version
  expect(await runCli(['--version'], { home })).toMatchObject({ code: 0, stdout: `${version}\n` })
  const help = await runCli(['secrets', 'run', '--help'], { home })
  expect(help.code).toBe(0)
  expect(help.stdout).toContain('Usage: gatehouse secrets run [options] <command...>')
  expect(help.stdout).toContain('$ gatehouse secrets run -- npm start')
  const badKey = await runCli(['whoami', '--server', server.url, '--api-key', 'gk_forged'], { home })
  expect(badKey.code).toBe(1)
  expect(badKey.stderr).not.toContain('    at ')

  // A server whose certificate nobody vouches for: its own line, and the key is never sent.
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-tls-'))
  const openssl = spawnSync('openssl', [
    ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1'],
    ...['-subj', '/CN=127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
  ])
  expect(openssl.status).toBe(0)
  let received = 0
  const tls = createHttpsServer(
    { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
    (_request, response) => {
      received++
      response.end('{}')
    },
  )
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve))
  const { port } = tls.address() as AddressInfo
  const selfSigned = await runCli(['whoami', '--server', `https://127.0.0.1:${port}`, '--api-key', 'gk_secret'], {
    home,
  })
  tls.close()
  expect(selfSigned).toMatchObject({ code: 1, stdout: '' })
  expect(selfSigned.stderr).toBe(
    `error: cannot talk to https://127.0.0.1:${port} securely: self-signed certificate (tls)\n`,
  )
  expect(received).toBe(0)
})

test('init wrote a private gatehouse.toml whose master key and metrics token the server uses', async () => {
  expect(statSync(TOML).mode & 0o777).toBe(0o600)
  const toml = readFileSync(TOML, 'utf8')
  expect(toml).toContain(`APP_URL = "http://localhost:${PORT}"`)
  expect(toml).toContain(`DATA_DIR = "${join(INSTANCE, 'data')}"`)
  // The key came from the file: none was generated into DATA_DIR.
  expect(existsSync(join(INSTANCE, 'data', 'master.key'))).toBe(false)
  const metricsToken = /METRICS_TOKEN = "([\w-]+)"/.exec(toml)![1]
  expect((await fetch(`${server.url}/api/metrics`)).status).toBe(401)
  expect(
    (await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).status,
  ).toBe(200)
  const again = await runCli(['init', '--file', TOML, '--app-url', 'http://other.example'], { home: cliHome() })
  expect(again).toMatchObject({ code: 1, stderr: `error: ${TOML} already exists: nothing was overwritten (exists)\n` })
  expect(readFileSync(TOML, 'utf8')).toBe(toml)
  const leaky = await runCli(['serve', '--database-url', 'postgres://app:hunter2@db/app'], { home: cliHome() })
  expect(leaky.code).toBe(2)
  expect(leaky.stderr).toContain('--database-url must not carry a password')
})

async function signedInHome() {
  const home = cliHome()
  const login = await runCli(['login', '--server', server.url, '--email', ADMIN.email, '--password-stdin'], {
    home,
    input: ADMIN.password,
  })
  expect(login.code, login.stderr).toBe(0)
  return home
}

test('secrets: set from an argument or stdin, get a version bare, list, export, delete', async () => {
  const home = await signedInHome()
  expect(await runCli(['secrets', 'set', 'API_TOKEN', 'first-value'], { home })).toMatchObject({
    code: 0,
    stdout: 'Saved API_TOKEN, version 1.\n',
  })
  const pem = '-----BEGIN KEY-----\nMIIEvQIBADANBgkq\n-----END KEY-----'
  expect((await runCli(['secrets', 'set', 'API_TOKEN', '--stdin'], { home, input: `${pem}\n` })).stdout).toBe(
    'Saved API_TOKEN, version 2.\n',
  )
  expect(await runCli(['secrets', 'get', 'API_TOKEN'], { home })).toMatchObject({ code: 0, stdout: pem })
  expect((await runCli(['secrets', 'get', 'API_TOKEN', '--version', '1'], { home })).stdout).toBe('first-value')
  expect(JSON.parse((await runCli(['secrets', 'get', 'API_TOKEN', '--json'], { home })).stdout)).toMatchObject({
    name: 'API_TOKEN',
    version: 2,
    value: pem,
  })
  const listed = JSON.parse((await runCli(['secrets', 'list', '--json', '--org', 'default'], { home })).stdout)
  expect(listed).toEqual([expect.objectContaining({ name: 'API_TOKEN', version: 2 })])
  expect(JSON.stringify(listed)).not.toContain('first-value')
  expect((await runCli(['secrets', 'list'], { home })).stdout).toMatch(/^NAME\tVERSION\tUPDATED\nAPI_TOKEN\tv2\t/)
  expect(JSON.parse((await runCli(['secrets', 'export', '--format', 'json'], { home })).stdout)).toEqual({
    API_TOKEN: pem,
  })
  expect((await runCli(['secrets', 'export'], { home })).stdout).toBe(
    'API_TOKEN="-----BEGIN KEY-----\\nMIIEvQIBADANBgkq\\n-----END KEY-----"\n',
  )

  // Wrong input: each a line of its own, and nothing saved.
  const both = await runCli(['secrets', 'set', 'X_Y', 'value', '--stdin'], { home, input: 'other' })
  expect(both).toMatchObject({
    code: 2,
    stderr: 'error: give the value as an argument or with --stdin, not both (usage)\n',
  })
  expect((await runCli(['secrets', 'set', 'X_Y'], { home })).code).toBe(2)
  const badName = await runCli(['secrets', 'set', 'lower-case', 'value'], { home })
  expect(badName.code).toBe(1)
  expect(badName.stderr).toMatch(/^error: .*name: Use capital letters.* \(validation_failed\)\n$/)
  expect((await runCli(['secrets', 'get', 'NO_SUCH'], { home })).stderr).toContain('(not_found)')
  expect((await runCli(['secrets', 'get', 'API_TOKEN', '--version', '0'], { home })).code).toBe(2)
  expect((await runCli(['secrets', 'list', '--org', 'no-such-org'], { home })).stderr).toContain('(not_found)')
  expect((await runCli(['secrets', 'export', '--format', 'yaml'], { home })).code).toBe(2)

  expect(await runCli(['secrets', 'delete', 'API_TOKEN'], { home })).toMatchObject({ code: 0 })
  expect((await runCli(['secrets', 'list'], { home })).stdout).toBe('No secrets.\n')
})

const NODE = process.execPath

test('secrets run: the child has the secrets, its exit code is the CLI’s, its piped output is masked', async () => {
  const home = await signedInHome()
  await runCli(['secrets', 'set', 'RUN_SECRET', 'swordfish-4711'], { home })
  await runCli(['secrets', 'set', 'SHORT', 'on'], { home })
  const printEnv = ['-e', 'console.log(process.env.RUN_SECRET, process.env.SHORT, process.env.HOME ? "home" : "")']
  const masked = await runCli(['secrets', 'run', '--', NODE, ...printEnv], { home })
  expect(masked).toMatchObject({ code: 0, stdout: '*** on home\n' })
  // Its options are its own even without --.
  const plain = await runCli(['secrets', 'run', '--no-mask', NODE, ...printEnv], { home })
  expect(plain.stdout).toBe('swordfish-4711 on home\n')
  const stderr = await runCli(['secrets', 'run', NODE, '-e', 'console.error("x", process.env.RUN_SECRET)'], { home })
  expect(stderr.stderr).toBe('x ***\n')
  expect((await runCli(['secrets', 'run', NODE, '-e', 'process.exit(7)'], { home })).code).toBe(7)
  expect((await runCli(['secrets', 'run', NODE, '-e', 'process.kill(process.pid, "SIGKILL")'], { home })).code).toBe(
    137,
  )
  const missing = await runCli(['secrets', 'run', '--', 'no-such-command-here'], { home })
  expect(missing).toMatchObject({
    code: 127,
    stderr: 'error: command not found: no-such-command-here (command_not_found)\n',
  })
  expect((await runCli(['secrets', 'run'], { home })).code).toBe(2)
  // Nothing of the secrets is left on disk: the home holds the credential file only.
  expect(readFileSync(join(home.XDG_CONFIG_HOME, 'gatehouse', 'auth.json'), 'utf8')).not.toContain('swordfish')
})

test('secrets run passes SIGTERM to the command and exits with its code', async () => {
  const home = await signedInHome()
  const script =
    'process.on("SIGTERM", () => { console.log("cleaned up"); process.exit(5) }); console.log("ready"); setInterval(() => {}, 1000)'
  const run = await runCli(['secrets', 'run', NODE, '-e', script], {
    home,
    onStart: (child) => child.stdout!.on('data', (chunk) => String(chunk).includes('ready') && child.kill('SIGTERM')),
  })
  expect(run).toMatchObject({ code: 5, stdout: 'ready\ncleaned up\n' })
})

test('secrets run --watch restarts the command with the new value when a secret changes', async () => {
  const home = await signedInHome()
  await runCli(['secrets', 'set', 'WATCHED', 'before'], { home })
  const seen: string[] = []
  const run = runCli(
    [
      'secrets',
      'run',
      '--watch',
      '--interval',
      '2',
      '--no-mask',
      NODE,
      '-e',
      'console.log(process.env.WATCHED); setInterval(() => {}, 1000)',
    ],
    {
      home,
      onStart: (child) =>
        child.stdout!.on('data', async (chunk) => {
          seen.push(...String(chunk).trim().split('\n'))
          if (seen.length === 1) await runCli(['secrets', 'set', 'WATCHED', 'after'], { home })
          if (seen.includes('after')) child.kill('SIGTERM')
        }),
    },
  )
  const { code, stderr } = await run
  expect(seen).toEqual(['before', 'after'])
  expect(stderr).toContain('the secrets changed; restarting the command')
  // Node's default for SIGTERM: ended by the signal, 128 + 15.
  expect(code).toBe(143)
})

test('audit checkpoint and verify, and doctor, for an instance admin', async () => {
  const home = await signedInHome()
  const checkpoint = await runCli(['audit', 'checkpoint'], { home })
  expect(checkpoint.code).toBe(0)
  const file = join(home.HOME, 'checkpoint.json')
  writeFileSync(file, checkpoint.stdout)
  expect(JSON.parse(checkpoint.stdout)).toMatchObject({ seq: expect.any(Number), signature: expect.any(String) })
  const verified = await runCli(['audit', 'verify', '--checkpoint', file], { home })
  expect(verified).toMatchObject({ code: 0 })
  expect(verified.stdout).toMatch(
    /^The audit log is intact: \d+ events checked, nothing cut off since the checkpoint\.\n$/,
  )
  const forged = JSON.parse(checkpoint.stdout)
  forged.signature = `${forged.signature.slice(0, -4)}AAAA`
  writeFileSync(file, JSON.stringify(forged))
  expect((await runCli(['audit', 'verify', '--checkpoint', file], { home })).stderr).toContain('(validation_failed)')
  expect((await runCli(['audit', 'verify', '--checkpoint', join(home.HOME, 'none')], { home })).code).toBe(2)

  const doctor = await runCli(['doctor', '--json'], { home })
  const { items } = JSON.parse(doctor.stdout)
  expect(items.length).toBeGreaterThan(5)
  expect(doctor.code).toBe(items.some((item: { status: string }) => item.status === 'fail') ? 1 : 0)
  const text = await runCli(['doctor'], { home })
  expect(text.stdout).toMatch(/^(PASS|WARN|FAIL) {2}\S/m)
  // Piped, so no colour codes.
  expect(text.stdout).not.toContain('\u001b[')

  // A member who is not an instance admin is refused, with the server's code.
  const member = { email: `cli-member-${Date.now()}@example.com`, name: 'Mo Member', password: 'Member-Pass-Word-7' }
  await api('/api/v1/admin/users', { token: await tokenFor(ADMIN.email, ADMIN.password), body: member })
  const memberHome = cliHome()
  await runCli(['login', '--server', server.url, '--email', member.email, '--password-stdin'], {
    home: memberHome,
    input: member.password,
  })
  expect((await runCli(['doctor'], { home: memberHome })).stderr).toContain('(forbidden)')
})

test('keys generate prints ready-to-paste lines and key files; the bash completion completes', async () => {
  const home = cliHome()
  const master = await runCli(['keys', 'generate', 'master'], { home })
  expect(Buffer.from(/^GATEHOUSE_MASTER_KEY=(\S+)\n$/.exec(master.stdout)![1], 'base64')).toHaveLength(32)
  const vapid = (await runCli(['keys', 'generate', 'vapid'], { home })).stdout
  expect(Buffer.from(/^VAPID_PUBLIC_KEY=(\S+)$/m.exec(vapid)![1], 'base64url')).toHaveLength(65)
  expect(Buffer.from(/^VAPID_PRIVATE_KEY=(\S+)$/m.exec(vapid)![1], 'base64url')).toHaveLength(32)
  const jwt = await runCli(['keys', 'generate', 'jwt', '--algorithm', 'EdDSA', '--out', home.HOME], { home })
  expect(jwt.stdout).toBe(
    `JWT_ALGORITHM=EdDSA\nJWT_PRIVATE_KEY_PATH=${join(home.HOME, 'jwt-private.pem')}\nJWT_PUBLIC_KEY_PATH=${join(home.HOME, 'jwt-public.pem')}\n`,
  )
  expect(statSync(join(home.HOME, 'jwt-private.pem')).mode & 0o777).toBe(0o600)
  expect((await runCli(['keys', 'generate', 'jwt', '--out', home.HOME], { home })).stderr).toContain('(exists)')
  expect((await runCli(['keys', 'generate', 'jwt', '--algorithm', 'none'], { home })).code).toBe(2)

  const script = (await runCli(['completion', 'bash'], { home })).stdout
  // What bash would offer after typing `line` and Tab, with the script loaded.
  const complete = (line: string) => {
    const words = line.split(' ').map((word) => `'${word}'`)
    const probe = `COMP_WORDS=(${words.join(' ')}); COMP_CWORD=${words.length - 1}; _gatehouse; echo "\${COMPREPLY[*]}"`
    return spawnSync('bash', ['-c', `${script}\n${probe}`])
      .stdout.toString()
      .trim()
  }
  expect(complete('gatehouse sec')).toBe('secrets')
  expect(complete('gatehouse secrets r')).toBe('run')
  expect(complete('gatehouse secrets run --w')).toBe('--watch')
  expect(complete('gatehouse --server http://x api-keys c')).toBe('create')
  expect((await runCli(['completion', 'tcsh'], { home })).code).toBe(2)
})

test('admin create, keys rotate and keys rotate-signing run on the server’s own data, and refuse a directory without it', async () => {
  // PGlite is one process's: the server stops first, as the README says for these commands.
  await server.stop()
  const env = { GATEHOUSE_CONFIG: TOML }
  const create = (email: string) =>
    runCli(['admin', 'create', '--email', email, '--password-stdin'], {
      home: cliHome(),
      env,
      input: 'Sturdy-Lantern-Path-42!\n',
    })
  const made = await create('rescue@example.com')
  expect(made.code, made.stderr).toBe(0)
  expect(made.stdout).toContain('Created rescue@example.com as an instance admin.')
  expect((await create('rescue@example.com')).stderr).toContain('(email_taken)')
  const weak = await runCli(['admin', 'create', '--email', 'weak@example.com', '--password-stdin'], {
    home: cliHome(),
    env,
    input: 'short',
  })
  expect(weak.code).toBe(1)
  expect(weak.stderr).toContain('Nothing was created')
  const rotate = await runCli(['keys', 'rotate'], { home: cliHome(), env })
  expect(rotate.code, rotate.stderr).toBe(0)
  expect(rotate.stdout).toContain('GATEHOUSE_MASTER_KEY_PREVIOUS is not set: only checking')
  const signing = await runCli(['keys', 'rotate-signing'], { home: cliHome(), env })
  expect(signing.code, signing.stderr).toBe(0)
  expect(signing.stdout).toMatch(
    /^The ES256 signing key is now [\w-]{43} \(it was [\w-]{43}\)\.\nRunning instances switch within 30 seconds/,
  )
  const elsewhere = join(INSTANCE, 'empty')
  mkdirSync(elsewhere)
  const lost = await runCli(['admin', 'create', '--email', 'x@example.com', '--password-stdin'], {
    home: cliHome(),
    env: { GATEHOUSE_CONFIG: '', DATA_DIR: elsewhere },
    input: 'Sturdy-Lantern-Path-42!',
  })
  expect(lost.code).toBe(1)
  expect(lost.stderr).toContain(`no Gatehouse database in ${elsewhere}`)
})
