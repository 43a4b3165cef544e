import 'server-only'
import { join } from 'node:path'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import type { Database } from './client'

export const MIGRATIONS_FOLDER = join(process.cwd(), 'db', 'migrations')

// An arbitrary, fixed 64-bit key; every Gatehouse instance on one database uses the same one.
const MIGRATION_LOCK_KEY = 0x6761_7465_6d69_67n // "gatemig"

/**
 * Applies the committed drizzle-kit migrations. On PostgreSQL a session-level advisory lock is held
 * on a dedicated connection for the whole run, so instances starting together migrate one at a
 * time and the later ones find nothing left to do.
 */
export async function migrateDatabase(database: Database, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  if (database.kind === 'pglite') {
    // PGlite is one process's private database: nothing can race it.
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder })
    return
  }
  const pg = database.db as unknown as PostgresJsDatabase & { $client: import('postgres').Sql }
  // Another instance's migrations, and long DDL of one's own, rightly keep the database quiet.
  await database.withoutAnswerDeadline(async () => {
    const lockConnection = await pg.$client.reserve()
    try {
      await lockConnection`select pg_advisory_lock(${MIGRATION_LOCK_KEY.toString()}::bigint)`
      await migratePostgres(pg, { migrationsFolder })
    } finally {
      await lockConnection`select pg_advisory_unlock(${MIGRATION_LOCK_KEY.toString()}::bigint)`.catch(() => {})
      lockConnection.release()
    }
  })
}
