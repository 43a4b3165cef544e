import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { generate } from 'otplib'
import { cliHome, runCli } from './support/cli'
import { type StartedServer, startServer } from './support/server'

// The gatehouse CLI as a real process, with a home of its own, against a production server.
test.describe.configure({ mode: 'serial' })

const ADMIN = { email: 'cli-admin@example.com', password: 'Headless-Admin-Pass-1' }
let server: StartedServer

test.beforeAll(async () => {
  server = await startServer({
    name: 'cli',
    port: 3105,
    env: { GATEHOUSE_ADMIN_EMAIL: ADMIN.email, GATEHOUSE_ADMIN_PASSWORD: ADMIN.password },
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
  expect((await runCli(['no-such-command'], { home })).code).toBe(2)
  const badKey = await runCli(['whoami', '--server', server.url, '--api-key', 'gk_forged'], { home })
  expect(badKey.code).toBe(1)
  expect(badKey.stderr).not.toContain('    at ')
})
