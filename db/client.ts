import 'server-only'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type ExtractTablesWithRelations, sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import { answerDeadline } from './answer-deadline'
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
  /** Runs `work` with no answer deadline (db/answer-deadline.ts): for what may rightly wait long. */
  withoutAnswerDeadline<T>(work: () => Promise<T>): Promise<T>
  close(): Promise<void>
}

// postgres.js's own codes for a connection that failed or went away, Node's socket errors, and
// PostgreSQL's classes for the same (08: connection exception; 57P01-03: shutting down, starting).
const UNAVAILABLE_CODES = new Set([
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
])

/** Whether `error` (or what it wraps: drizzle wraps the driver's) says the database cannot be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let current = error, depth = 0;
    current && depth < 5;
    current = (current as { cause?: unknown }).cause, depth++
  ) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true
  }
  return false
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
  /** PostgreSQL: how long a connection may hear nothing after a query before it counts as dead. */
  answerDeadlineMs?: number
  /** Told when a silent database cost connections. */
  onSilentDatabase?: (message: string) => void
}

export const ANSWER_DEADLINE_MS = 10_000

function describeUrl(url: string): string {
  const parsed = new URL(url)
  return `postgres://${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const { default: postgres } = await import('postgres')
    const { drizzle } = await import('drizzle-orm/postgres-js')
    const deadlineMs = options.answerDeadlineMs ?? ANSWER_DEADLINE_MS
    const deadline = answerDeadline(deadlineMs, (closed) =>
      options.onSilentDatabase?.(
        `the database has not answered for ${deadlineMs / 1000} s: ${closed} connection(s) closed, new ones will be tried`,
      ),
    )
    const client = postgres(options.databaseUrl, {
      max: options.maxConnections ?? 10,
      // A database that does not answer fails a request in 5 s (503), rather than after postgres.js's 30.
      connect_timeout: 5,
      // Documented in postgres.js's README (a custom socket), missing from its types.
      ...({ socket: deadline.socket } as object),
      onnotice: () => {},
      connection: { application_name: 'gatehouse' },
    })
    const db = drizzle({ client, schema }) as unknown as Db
    return {
      db,
      kind: 'postgres',
      label: describeUrl(options.databaseUrl),
      withoutAnswerDeadline: deadline.suspendedWhile,
      close: () => client.end({ timeout: 5 }),
    }
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
  return { db, kind: 'pglite', label, withoutAnswerDeadline: (work) => work(), close: () => client.close() }
}
