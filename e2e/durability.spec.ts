import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { type StartedServer, startServer } from './support/server'
import { withThrowawayDatabase } from './support/throwaway-database'

// kill -9 of the production server in the middle of a burst of secret writes: every write it
// answered with 2xx must read back intact after a restart, on PGlite and on PostgreSQL.
test.describe.configure({ mode: 'serial', timeout: 180_000 })

const ADMIN = { email: 'burst@example.com', password: 'Durable-Writes-2026!' }
const WRITERS = 16

async function burstUntilKilled(server: StartedServer, org: string, token: string) {
  const acknowledged: { name: string; value: string; version: number }[] = []
  let sent = 0
  let stop = false
  const writer = async (writerId: number) => {
    for (let i = 0; !stop; i += 1) {
      const name = `W${writerId}_${i % 25}`
      const value = `writer ${writerId} write ${i} ${'x'.repeat(i % 7 === 0 ? 2000 : 20)}`
      sent += 1
      try {
        const response = await fetch(`${server.url}/api/v1/orgs/${org}/secrets/${name}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ value }),
        })
        if (response.ok) acknowledged.push({ name, value, version: (await response.json()).version })
      } catch {
        return // the server is gone
      }
    }
  }
  const writers = Array.from({ length: WRITERS }, (_, i) => writer(i))
  // Let the burst get going, then pull the plug while writes are in flight.
  while (acknowledged.length < 300) await new Promise((resolve) => setTimeout(resolve, 10))
  const exited = new Promise((resolve) => server.process.once('exit', resolve))
  server.process.kill('SIGKILL')
  stop = true
  await Promise.all([exited, ...writers])
  return { acknowledged, sent }
}

async function check(name: string, env: Record<string, string>) {
  const first = await startServer({
    name: `durability-${name}`,
    port: 3195,
    env: {
      ...env,
      GATEHOUSE_ADMIN_EMAIL: ADMIN.email,
      GATEHOUSE_ADMIN_PASSWORD: ADMIN.password,
      RATE_LIMIT_ENABLED: 'false',
    },
  })
  const { access_token: token } = await (
    await fetch(`${first.url}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    })
  ).json()
  const org = 'default'
  const { acknowledged, sent } = await burstUntilKilled(first, org, token)
  expect(first.process.signalCode).toBe('SIGKILL')

  const second = await startServer({
    name: `durability-${name}-restart`,
    port: 3195,
    env: { ...env, RATE_LIMIT_ENABLED: 'false', DATA_DIR: first.dataDir },
  })
  try {
    const { access_token: again } = await (
      await fetch(`${second.url}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ADMIN),
      })
    ).json()
    let intact = 0
    for (const written of acknowledged) {
      const response = await fetch(
        `${second.url}/api/v1/orgs/${org}/secrets/${written.name}?version=${written.version}`,
        { headers: { authorization: `Bearer ${again}` } },
      )
      expect(response.status, `${written.name} v${written.version}`).toBe(200)
      expect((await response.json()).value, `${written.name} v${written.version}`).toBe(written.value)
      intact += 1
    }
    console.log(
      `${name}: ${sent} writes sent, ${acknowledged.length} answered 2xx before kill -9, ${intact} read back intact`,
    )
    expect(intact).toBe(acknowledged.length)
  } finally {
    await second.stop()
  }
}

test('acknowledged secret writes survive kill -9 on PGlite', async () => {
  await check('pglite', { DATA_DIR: mkdtempSync(join(tmpdir(), 'gatehouse-durability-')) })
})

test('acknowledged secret writes survive kill -9 on PostgreSQL', async () => {
  await withThrowawayDatabase('gatehouse_durability', (databaseUrl) =>
    check('postgres', { DATA_DIR: mkdtempSync(join(tmpdir(), 'gatehouse-durability-')), DATABASE_URL: databaseUrl }),
  )
})
