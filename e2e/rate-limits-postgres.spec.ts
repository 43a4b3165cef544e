import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import postgres from 'postgres'
import { startServer } from './support/server'
import { withThrowawayDatabase } from './support/throwaway-database'

// The default production set-up, PostgreSQL without Redis: the budgets live in the database. In the
// bundle the limiter once failed to load its driver, so every limit failed open and every request
// logged two warnings; Vitest, which runs unbundled code, never saw it.
test.describe.configure({ timeout: 120_000 })

test('on PostgreSQL the production build limits requests, keeps budgets in the database and logs no store errors', async () => {
  await withThrowawayDatabase('gatehouse_limits', async (databaseUrl) => {
    const server = await startServer({
      name: 'limits-postgres',
      port: 3194,
      env: {
        DATABASE_URL: databaseUrl,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'gatehouse-limits-')),
        RATE_LIMIT_GLOBAL: '5',
      },
    })
    try {
      const ready = await (await fetch(`${server.url}/api/ready`)).json()
      expect(ready.checks.rate_limit_store).toEqual({ status: 'ok', store: 'postgres' })
      // startServer's readiness checks spent points already: the first answer says how many are left.
      const first = await fetch(`${server.url}/api/v1/me`)
      const left = Number(first.headers.get('x-ratelimit-remaining'))
      expect(first.headers.get('x-ratelimit-limit')).toBe('5')
      const statuses = [first.status]
      for (let i = 0; i < left + 2; i++) statuses.push((await fetch(`${server.url}/api/v1/me`)).status)
      expect(statuses).toEqual([...Array(left + 1).fill(401), 429, 429])
      const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
      const rows = await sql<{ key: string; points: number }[]>`select key, points from rate_limits order by key`
      await sql.end()
      expect(rows.find((row) => row.key === 'gh_global:127.0.0.1')?.points).toBeGreaterThan(5)
      expect(readFileSync(server.logPath, 'utf8')).not.toContain('rate limit store')
    } finally {
      await server.stop()
    }
  })
})
