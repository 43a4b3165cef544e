import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { Redis } from 'ioredis'
import postgres from 'postgres'
import { type S3Store, startS3Store } from '../lib/testing/s3-store'
import { resolvePostgres, resolveRedis, withDatabase } from '../testing/postgres.mjs'
import { LoginPage } from './pages/login-page'
import { type RoundRobin, startRoundRobin } from './support/round-robin'
import { type StartedServer, startServer } from './support/server'
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy'

// Two production instances on one PostgreSQL, one Redis and one S3 bucket, behind a loopback load
// balancer that alternates requests: they must behave as one. The database and Redis are reached
// through TCP proxies the test cuts, to see what an outage does and that the instances recover.
test.describe.configure({ mode: 'serial', timeout: 180_000 })

const ADMIN = { email: 'many-admin@example.com', password: 'Two-Instances-As-One-42' }
const REDIS_DB = 7
const started: {
  servers: StartedServer[]
  lb?: RoundRobin
  pg?: TcpProxy
  redis?: TcpProxy
  s3?: S3Store
  dropDatabase?: () => Promise<void>
  /** The administrator's access token of the outage tests: its sign-in budget runs short by then. */
  token?: string
} = { servers: [] }

type Answer = { status: number; body: Record<string, unknown> & { code?: string }; servedBy: string | null }

async function call(base: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    // The bound on any answer, outages included: a hang fails the test instead of waiting forever.
    signal: AbortSignal.timeout(20_000),
  })
  const text = await response.text()
  return {
    status: response.status,
    body: text ? JSON.parse(text) : {},
    servedBy: response.headers.get('x-served-by'),
  } as Answer
}

/** The outage timings this test noted, in the run's output. */
function printOutageFigures() {
  for (const annotation of test.info().annotations.filter((entry) => entry.type === 'outage'))
    console.log(annotation.description)
}

const lb = () => started.lb!.url
const direct = () => started.servers.map((server) => server.url)

async function signIn(base = lb()) {
  const answer = await call(base, '/api/v1/auth/token', { body: ADMIN })
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  return answer.body as { access_token: string; refresh_token: string }
}

test.beforeAll(async () => {
  const adminUrl = resolvePostgres('many instances')
  const redisUrl = resolveRedis('many instances')
  test.skip(!adminUrl || !redisUrl, 'PostgreSQL and Redis are required (CI has both)')
  const name = `gatehouse_many_${Date.now().toString(36)}`
  const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database "${name}"`)
  started.dropDatabase = async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`)
    await admin.end()
  }
  const database = new URL(withDatabase(adminUrl!, name))
  const redis = new URL(redisUrl!)
  started.pg = await startTcpProxy({ host: database.hostname, port: Number(database.port || 5432) })
  started.redis = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) })
  const flush = new Redis(`${redisUrl}/${REDIS_DB}`)
  await flush.flushdb()
  flush.disconnect()
  started.s3 = await startS3Store()
  const ports = [3186, 3187]
  started.lb = await startRoundRobin(ports.map((port, i) => ({ name: `instance-${i + 1}`, port })))
  database.hostname = '127.0.0.1'
  database.port = String(started.pg.port)
  const env = {
    APP_URL: started.lb.url,
    DATABASE_URL: database.toString(),
    REDIS_URL: `redis://127.0.0.1:${started.redis.port}/${REDIS_DB}`,
    GATEHOUSE_MASTER_KEY: randomBytes(32).toString('base64'),
    GATEHOUSE_ADMIN_EMAIL: ADMIN.email,
    GATEHOUSE_ADMIN_PASSWORD: ADMIN.password,
    RATE_LIMIT_GLOBAL: '100000',
    RATE_LIMIT_AUTH: '5',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...started.s3.env,
  }
  // At once, as an orchestrator starts them: migrations, keys and the first admin must not race.
  started.servers = await Promise.all(
    ports.map((port, i) =>
      startServer({
        name: `many-${i + 1}`,
        port,
        env: { ...env, DATA_DIR: mkdtempSync(join(tmpdir(), `gatehouse-many-${i + 1}-`)) },
      }),
    ),
  )
})

test.afterAll(async () => {
  await Promise.all(started.servers.map((server) => server.stop()))
  await started.lb?.close()
  await started.pg?.close().catch(() => {})
  await started.redis?.close().catch(() => {})
  await started.s3?.close()
  await started.dropDatabase?.()
})

test('a token from one instance works on the other, and a refresh token spent on one is refused by the other', async () => {
  const first = await signIn()
  const answers = [await call(lb(), '/api/v1/me', { token: first.access_token })]
  answers.push(await call(lb(), '/api/v1/me', { token: first.access_token }))
  expect(answers.map((answer) => answer.status)).toEqual([200, 200])
  expect(new Set(answers.map((answer) => answer.servedBy)).size).toBe(2)

  const refreshed = await call(lb(), '/api/v1/auth/refresh', { body: { refresh_token: first.refresh_token } })
  expect(refreshed.status).toBe(200)
  const reused = await call(lb(), '/api/v1/auth/refresh', { body: { refresh_token: first.refresh_token } })
  expect(reused.servedBy).not.toBe(refreshed.servedBy)
  expect(reused).toMatchObject({ status: 401, body: { code: 'token_reused' } })
  // Reuse revokes the whole family, the newest pair included, on both instances.
  const newest = refreshed.body.refresh_token as string
  expect((await call(lb(), '/api/v1/auth/refresh', { body: { refresh_token: newest } })).status).toBe(401)
})

test('an API key revoked on one instance is refused by the other at once', async () => {
  const { access_token: token } = await signIn()
  const me = await call(lb(), '/api/v1/me', { token })
  const orgId = (me.body.orgs as { id: string }[])[0].id
  const created = await call(lb(), '/api/v1/api-keys', {
    token,
    body: { name: 'two-instances', org_id: orgId, scopes: ['org:read'] },
  })
  expect(created.status).toBe(201)
  const key = created.body.key as string
  for (const base of direct()) expect((await call(base, `/api/v1/orgs/${orgId}`, { token: key })).status).toBe(200)
  const [one, other] = direct()
  expect((await call(one, `/api/v1/api-keys/${created.body.id}`, { method: 'DELETE', token })).status).toBe(204)
  expect(await call(other, `/api/v1/orgs/${orgId}`, { token: key })).toMatchObject({ status: 401 })
})

test('a file uploaded through one instance downloads through the other', async () => {
  const { access_token: token } = await signIn()
  const content = randomBytes(3 * 1024 * 1024 + 17)
  const form = new FormData()
  form.set('file', new Blob([new Uint8Array(content)]), 'shared.bin')
  const [one, other] = direct()
  const uploaded = await fetch(`${one}/api/v1/orgs/default/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  })
  expect(uploaded.status).toBe(201)
  const { id } = await uploaded.json()
  const downloaded = await fetch(`${other}/api/v1/files/${id}/stream`, {
    headers: { authorization: `Bearer ${token}` },
  })
  expect(downloaded.status).toBe(200)
  expect(
    createHash('sha256')
      .update(Buffer.from(await downloaded.arrayBuffer()))
      .digest('hex'),
  ).toBe(createHash('sha256').update(content).digest('hex'))
})

test('the sign-in limit is one budget across both instances', async () => {
  const attempts: Answer[] = []
  for (let i = 0; i < 6; i++)
    attempts.push(
      await call(lb(), '/api/v1/auth/token', { body: { email: 'limited@example.com', password: 'wrong-one' } }),
    )
  expect(new Set(attempts.map((attempt) => attempt.servedBy)).size).toBe(2)
  expect(attempts.map((attempt) => attempt.status)).toEqual([401, 401, 401, 401, 401, 429])
})

test('a settings change made on one instance is in force on the other within 5 seconds', async () => {
  const { access_token: token } = await signIn()
  const [one, other] = direct()
  const changed = await call(one, '/api/v1/admin/settings', {
    method: 'PATCH',
    token,
    body: { enable_registration: false },
  })
  expect(changed.status, JSON.stringify(changed.body)).toBe(200)
  const since = Date.now()
  await expect
    .poll(async () => (await call(other, '/api/v1/admin/settings', { token })).body.enable_registration, {
      timeout: 5000,
      intervals: [100],
    })
    .toBe(false)
  test
    .info()
    .annotations.push({ type: 'settings', description: `seen on the other instance after ${Date.now() - since} ms` })
  const refused = await call(other, '/api/v1/auth/register', {
    body: { email: 'late@example.com', password: 'Registration-Closed-42', name: 'Late' },
  })
  expect(refused).toMatchObject({ status: 403, body: { code: 'registration_disabled' } })
})

test('without PostgreSQL both answer 503 at once and stay alive; they recover by themselves, with every acknowledged write', async ({
  page,
}) => {
  const { access_token: token } = await signIn()
  started.token = token
  // Someone of their own in the browser: the administrator's sign-in budget is spent by now.
  const person = { email: 'console-user@example.com', name: 'Console User', password: 'Reads-The-Console-42' }
  expect((await call(lb(), '/api/v1/admin/users', { token, body: person })).status).toBe(201)
  await page.goto(`${lb()}/login`)
  await new LoginPage(page).signIn(person.email, person.password)
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible()
  const written = await call(lb(), '/api/v1/orgs/default/secrets/BEFORE_THE_CUT', {
    method: 'PUT',
    token,
    body: { value: 'acknowledged' },
  })
  expect(written.status).toBe(201)

  await started.pg!.cut()
  const cutAt = Date.now()
  for (const base of direct()) {
    const before = Date.now()
    const answer = await call(base, '/api/v1/orgs/default/secrets/BEFORE_THE_CUT', { token })
    expect(answer).toMatchObject({ status: 503, body: { code: 'unavailable' } })
    test.info().annotations.push({ type: 'outage', description: `${base}: 503 after ${Date.now() - before} ms` })
    expect(
      (await call(base, '/api/v1/orgs/default/secrets/DURING_THE_CUT', { method: 'PUT', token, body: { value: 'x' } }))
        .status,
    ).toBe(503)
    expect((await call(base, '/api/health')).status).toBe(200)
    expect(await call(base, '/api/ready')).toMatchObject({ status: 503, body: { code: 'unavailable' } })
  }
  expect(started.servers.every((server) => server.process.exitCode === null)).toBe(true)
  // A person in the console reads what is wrong, not the framework's generic error page.
  await page.goto(`${lb()}/sessions`)
  await expect(page.getByRole('heading', { name: 'Gatehouse cannot reach its database' })).toBeVisible()
  await expect(page.getByText('Nothing you saved is lost')).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('console-without-database.png'), fullPage: true })

  await started.pg!.restore()
  const restoredAt = Date.now()
  for (const base of direct())
    await expect
      .poll(async () => (await call(base, '/api/ready')).status, { timeout: 30_000, intervals: [100] })
      .toBe(200)
  test.info().annotations.push({
    type: 'outage',
    description: `cut for ${restoredAt - cutAt} ms; both ready ${Date.now() - restoredAt} ms after the database came back`,
  })
  // The open page comes back by itself once the database answers.
  await expect(page.getByRole('heading', { name: 'Sessions' })).toBeVisible({ timeout: 15_000 })
  for (const base of direct()) {
    const read = await call(base, '/api/v1/orgs/default/secrets/BEFORE_THE_CUT', { token })
    expect(read).toMatchObject({ status: 200, body: { value: 'acknowledged' } })
    expect((await call(base, '/api/v1/orgs/default/secrets/DURING_THE_CUT', { token })).status).toBe(404)
  }
  printOutageFigures()
})

test('a database that stops answering without closing anything (a dark network) still gives 503 in bounded time, and recovery', async () => {
  const token = started.token ?? (await signIn()).access_token
  const [one] = direct()
  started.pg!.freeze()
  const frozenAt = Date.now()
  const answers = await Promise.all([
    call(one, '/api/v1/orgs/default/secrets/BEFORE_THE_CUT', { token }),
    call(one, '/api/v1/orgs/default/secrets/DARK', { method: 'PUT', token, body: { value: 'x' } }),
  ])
  for (const answer of answers) expect(answer).toMatchObject({ status: 503, body: { code: 'unavailable' } })
  test.info().annotations.push({ type: 'outage', description: `dark: 503 after ${Date.now() - frozenAt} ms` })
  expect((await call(one, '/api/health')).status).toBe(200)
  expect((await call(one, '/api/ready')).status).toBe(503)

  started.pg!.thaw()
  const thawedAt = Date.now()
  await expect.poll(async () => (await call(one, '/api/ready')).status, { timeout: 30_000, intervals: [100] }).toBe(200)
  test.info().annotations.push({
    type: 'outage',
    description: `dark: ready ${Date.now() - thawedAt} ms after it answered again`,
  })
  expect(await call(one, '/api/v1/orgs/default/secrets/BEFORE_THE_CUT', { token })).toMatchObject({ status: 200 })
  // What waited in the dark was delivered when it healed, to connections already closed: refused means not written.
  expect((await call(one, '/api/v1/orgs/default/secrets/DARK', { token })).status).toBe(404)
  printOutageFigures()
})

test('without Redis sign-in keeps working, the sign-in limit falls back to each instance, and readiness says so', async () => {
  await started.redis!.cut()
  const [one] = direct()
  expect((await signIn(one)).access_token).toBeTruthy()
  const ready = await call(one, '/api/ready')
  expect(ready.status).toBe(200)
  expect(ready.body.checks).toMatchObject({ rate_limit_store: { status: 'failing', store: 'redis' } })
  const attempts: number[] = []
  for (let i = 0; i < 6; i++)
    attempts.push(
      (await call(one, '/api/v1/auth/token', { body: { email: 'fallback@example.com', password: 'wrong' } })).status,
    )
  expect(attempts).toEqual([401, 401, 401, 401, 401, 429])

  await started.redis!.restore()
  await expect
    .poll(async () => (await call(one, '/api/ready')).body.checks, { timeout: 30_000, intervals: [250] })
    .toMatchObject({ rate_limit_store: { status: 'ok', store: 'redis' } })
  expect(started.servers.every((server) => server.process.exitCode === null)).toBe(true)
})
