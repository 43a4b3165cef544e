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
 * A PGlite loaded from the migrated tarball the global setup made (testing/database-templates.ts):
 * in memory, or into an empty data directory on disk.
 */
async function loadPgliteTemplate(dataDir?: string): Promise<PGlite> {
  pgliteTemplate ??= new Blob([readFileSync(inject('pgliteTemplate'))])
  const client = new PGlite({ dataDir, loadDataDir: pgliteTemplate })
  await client.waitReady
  return client
}

interface ReusablePglite {
  client: PGlite
  /** Empties every table and puts back the rows the migrations seeded: the template's state again. */
  reset(): Promise<void>
  inUse: boolean
}

let reusable: Promise<ReusablePglite> | undefined

/**
 * One PGlite per test file, emptied between tests. Starting PostgreSQL in WASM takes about a
 * second, emptying 27 tables a few milliseconds. The rows the migrations seeded (the instance
 * settings, the audit shipping mark) are read once and put back at every reset.
 */
async function reusablePglite(): Promise<ReusablePglite> {
  reusable ??= (async () => {
    const client = await loadPgliteTemplate()
    const { rows } = await client.query<{ name: string }>(
      "select quote_ident(tablename) as name from pg_tables where schemaname = 'public' order by 1",
    )
    const tables = rows.map((row) => row.name)
    const seeded: { table: string; rows: string }[] = []
    for (const table of tables) {
      const { rows: data } = await client.query<{ rows: string | null }>(
        `select json_agg(t)::text as rows from ${table} t`,
      )
      if (data[0].rows) seeded.push({ table, rows: data[0].rows })
    }
    const reset = async () => {
      await client.transaction(async (tx) => {
        await tx.exec(`truncate ${tables.join(', ')} restart identity cascade`)
        for (const { table, rows } of seeded)
          await tx.query(`insert into ${table} select * from json_populate_recordset(null::${table}, $1::json)`, [rows])
      })
    }
    return { client, reset, inUse: false }
  })()
  return reusable
}

/**
 * The file's reusable PGlite, emptied, behind a guard: once the test closes it, whatever of that
 * test still runs (work after a response) fails as on a closed database instead of writing into
 * the next test's. A second database open at once in one test gets a PGlite of its own.
 */
async function openPgliteCopy(): Promise<Database> {
  const shared = await reusablePglite()
  const own = shared.inUse
  const client = own ? await loadPgliteTemplate() : shared.client
  if (!own) {
    shared.inUse = true
    await shared.reset()
  }
  let closed = false
  const guarded = new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        if (closed) throw new Error('PGlite is closed')
        return value.apply(target, args)
      }
    },
  })
  return {
    db: drizzle({ client: guarded, schema }) as unknown as Db,
    kind: 'pglite',
    label: 'PGlite (test copy)',
    withoutAnswerDeadline: (work) => work(),
    close: async () => {
      if (closed) return
      closed = true
      if (own) await client.close()
      else shared.inUse = false
    },
  }
}

/**
 * A migrated database, copied from the run's template, unless `empty` (for tests of migrations).
 * `persistent` keeps PGlite on disk so that a test can close and reopen it (a restart); otherwise
 * `open()` answers the test file's in-memory PGlite, emptied (openPgliteCopy).
 */
export async function createTestDatabase({ persistent = false, empty = false } = {}): Promise<TestDatabaseHandle> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-test-'))
  const opened: Database[] = []
  const closeAll = () => Promise.all(opened.splice(0).map((database) => database.close().catch(() => {})))
  if (testDbKind() === 'pglite') {
    // Where openDatabase keeps PGlite: seeded with the migrated template instead of initdb and 19 migrations.
    if (persistent && !empty) await (await loadPgliteTemplate(join(dataDir, 'pglite'))).close()
    return {
      kind: 'pglite',
      dataDir,
      open: async () => {
        const database = persistent || empty ? await openDatabase({ dataDir }) : await openPgliteCopy()
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
