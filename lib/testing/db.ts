import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import postgres from 'postgres'
import { inject } from 'vitest'
import { type Database, type Db, openDatabase } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'
import * as schema from '@/db/schema'
import { withDatabase } from '@/testing/postgres.mjs'

export type TestDbKind = 'pglite' | 'postgres'

/** Which database this test project runs on (vitest.config.ts sets TEST_DB per project). */
export function testDbKind(): TestDbKind {
  return process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite'
}

/**
 * A throwaway database: a PGlite directory, or a fresh database on the test PostgreSQL. `open()`
 * can be called again after `close()` to simulate a restart on the same data.
 */
export interface TestDatabaseHandle {
  kind: TestDbKind
  open(): Promise<Database>
  drop(): Promise<void>
  url?: string
  dataDir: string
}

let pgliteTemplate: Blob | undefined

/**
 * An in-memory PGlite loaded from the migrated tarball the global setup made
 * (testing/database-templates.ts): faster than clone(), which dumps its source first.
 */
async function loadPgliteTemplate(): Promise<Database> {
  pgliteTemplate ??= new Blob([readFileSync(inject('pgliteTemplate'))])
  const client = new PGlite({ loadDataDir: pgliteTemplate })
  await client.waitReady
  return {
    db: drizzle({ client, schema }) as unknown as Db,
    kind: 'pglite',
    label: 'PGlite (test copy)',
    close: () => client.close(),
  }
}

/**
 * A migrated database, copied from the run's template, unless `empty` (for tests of migrations).
 * `persistent` keeps PGlite on disk so that a test can close and reopen it (a restart); otherwise
 * the PGlite database is an in-memory clone that `open()` returns once.
 */
export async function createTestDatabase({ persistent = false, empty = false } = {}): Promise<TestDatabaseHandle> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-test-'))
  const opened: Database[] = []
  const closeAll = () => Promise.all(opened.splice(0).map((database) => database.close().catch(() => {})))
  if (testDbKind() === 'pglite') {
    return {
      kind: 'pglite',
      dataDir,
      open: async () => {
        const database = persistent || empty ? await openDatabase({ dataDir }) : await loadPgliteTemplate()
        opened.push(database)
        return database
      },
      drop: async () => {
        await closeAll()
        rmSync(dataDir, { recursive: true, force: true })
      },
    }
  }
  const adminUrl = process.env.TEST_DATABASE_URL!
  const name = `gatehouse_test_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  if (empty) await admin`create database ${admin(name)}`
  else await admin`create database ${admin(name)} template ${admin(inject('postgresTemplate'))}`
  const url = withDatabase(adminUrl, name)
  return {
    kind: 'postgres',
    dataDir,
    url,
    open: async () => {
      const database = await openDatabase({ databaseUrl: url, dataDir, maxConnections: 5 })
      opened.push(database)
      return database
    },
    drop: async () => {
      await closeAll()
      await admin.unsafe(`drop database if exists "${name}" with (force)`)
      await admin.end()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A migrated database for tests that need nothing else. */
export async function createMigratedDatabase() {
  const handle = await createTestDatabase()
  const database = await handle.open()
  await migrateDatabase(database)
  return { handle, database, db: database.db }
}
