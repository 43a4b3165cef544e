/**
 * Several instances starting at once against one empty PostgreSQL database: without the advisory
 * lock they race to CREATE the same tables and all but one crash.
 */
import { readdirSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabaseHandle } from '@/lib/testing/db'
import { MIGRATIONS_FOLDER, migrateDatabase } from './migrate'

describe('migrations on PostgreSQL', () => {
  let handle: TestDatabaseHandle
  beforeEach(async () => {
    handle = await createTestDatabase({ empty: true })
  })
  afterEach(() => handle.drop())

  it('lets four instances migrate at once: all succeed and each migration is applied once', async () => {
    const instances = await Promise.all(Array.from({ length: 4 }, () => handle.open()))
    await Promise.all(instances.map((database) => migrateDatabase(database)))
    const [{ count }] = (await instances[0].db.execute(
      sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
    )) as unknown as { count: number }[]
    expect(count).toBe(readdirSync(MIGRATIONS_FOLDER).filter((file) => file.endsWith('.sql')).length)
    const tables = (await instances[0].db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    )) as unknown as { table_name: string }[]
    expect(tables.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(['audit_log', 'organizations', 'registry', 'sessions', 'users']),
    )
  })
})
