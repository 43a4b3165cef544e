import 'server-only'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type ExtractTablesWithRelations, sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import * as schema from './schema'

export type Schema = typeof schema
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>
/** Either the database or an open transaction: what domain queries accept. */
export type Executor = Db | Tx

export interface Database {
  db: Db
  kind: 'pglite' | 'postgres'
  /** A short description without credentials, for logs and the dashboard. */
  label: string
  close(): Promise<void>
}

export async function pingDatabase(database: Database): Promise<void> {
  await database.db.execute(sql`select 1`)
}

export interface DatabaseOptions {
  databaseUrl?: string
  dataDir: string
  /** PGlite only: keep the database in memory (tests). */
  inMemory?: boolean
  maxConnections?: number
}

function describeUrl(url: string): string {
  const parsed = new URL(url)
  return `postgres://${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const { default: postgres } = await import('postgres')
    const { drizzle } = await import('drizzle-orm/postgres-js')
    const client = postgres(options.databaseUrl, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      connection: { application_name: 'gatehouse' },
    })
    const db = drizzle({ client, schema }) as unknown as Db
    return { db, kind: 'postgres', label: describeUrl(options.databaseUrl), close: () => client.end({ timeout: 5 }) }
  }
  const { PGlite } = await import('@electric-sql/pglite')
  const { drizzle } = await import('drizzle-orm/pglite')
  let client: InstanceType<typeof PGlite>
  let label = 'PGlite (in memory)'
  if (options.inMemory) {
    client = new PGlite()
  } else {
    const path = join(/* turbopackIgnore: true */ options.dataDir, 'pglite')
    mkdirSync(path, { recursive: true })
    client = new PGlite(path)
    label = `PGlite (${path})`
  }
  await client.waitReady
  const db = drizzle({ client, schema }) as unknown as Db
  return { db, kind: 'pglite', label, close: () => client.close() }
}
