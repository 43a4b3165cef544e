import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import { isPostgresReachable, testDatabaseUrl, withDatabase } from './postgres.mjs'

const MIGRATIONS_FOLDER = join(__dirname, '..', 'db', 'migrations')

/** The migrations and PGlite as they are now: a template made from others is never reused. */
function templateKey(): string {
  const hash = createHash('sha256')
  hash.update(readFileSync(join(__dirname, '..', 'node_modules', '@electric-sql', 'pglite', 'package.json')))
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
    )
  for (const file of files(MIGRATIONS_FOLDER).sort())
    hash.update(relative(MIGRATIONS_FOLDER, file)).update(readFileSync(file))
  return hash.digest('hex').slice(0, 16)
}

/**
 * One migrated PGlite data directory, dumped to a tarball that every test file loads (about 1 s)
 * instead of running initdb in WASM and migrating (about 6 s on two cores).
 */
async function pgliteTemplate(key: string): Promise<string> {
  const path = join(tmpdir(), `gatehouse-pglite-template-${key}.tar`)
  if (!existsSync(path)) {
    const template = new PGlite()
    await migrate(drizzle({ client: template }), { migrationsFolder: MIGRATIONS_FOLDER })
    const dump = await template.dumpDataDir('none')
    await template.close()
    // Written under another name first: a run killed halfway leaves no broken template behind.
    const partial = `${path}.${process.pid}.part`
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()))
    renameSync(partial, path)
  }
  return path
}

const POSTGRES_TEMPLATE_PREFIX = 'gatehouse_template_'
// Other checkouts (another branch, a CI clone beside a working copy) may be running with their own
// template at the same moment: only the oldest beyond this many are dropped.
const KEPT_TEMPLATES = 5

/**
 * A migrated database on the test PostgreSQL that each test database is copied from
 * (CREATE DATABASE … TEMPLATE, about 0.1 s) instead of migrating its own (0.4 to 0.9 s). Nothing
 * connects to it once it is made, which a copy requires. Templates of older migrations are dropped
 * once there are more than a few.
 */
async function postgresTemplate(adminUrl: string, key: string): Promise<string> {
  const name = `${POSTGRES_TEMPLATE_PREFIX}${key}`
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  try {
    const existing = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like ${`${POSTGRES_TEMPLATE_PREFIX}%`} order by oid desc`
    const others = existing.filter(({ datname }) => datname !== name)
    for (const { datname } of others.slice(KEPT_TEMPLATES - 1))
      await admin`drop database if exists ${admin(datname)} with (force)`
    if (others.length < existing.length) return name
    const building = `${name}_${process.pid}`
    await admin`create database ${admin(building)}`
    const client = postgres(withDatabase(adminUrl, building), { max: 1, onnotice: () => {} })
    try {
      await migratePostgres(drizzlePostgres(client), { migrationsFolder: MIGRATIONS_FOLDER })
    } finally {
      await client.end()
    }
    // Renamed once complete: a run killed halfway leaves no half-migrated template behind.
    try {
      await admin`alter database ${admin(building)} rename to ${admin(name)}`
    } catch (error) {
      // Another run made the same template meanwhile: use that one.
      if ((error as { code?: string }).code !== '42P04') throw error
      await admin`drop database if exists ${admin(building)} with (force)`
    }
    return name
  } finally {
    await admin.end()
  }
}

/** Vitest global setup: the migrated databases that test databases start from. */
export default async function setup({
  provide,
}: {
  provide: (key: 'pgliteTemplate' | 'postgresTemplate', value: string) => void
}) {
  const key = templateKey()
  provide('pgliteTemplate', await pgliteTemplate(key))
  // The same test as vitest.config.ts's, which has already failed the run if PostgreSQL is required and away.
  const postgresUrl = testDatabaseUrl()
  if (isPostgresReachable(postgresUrl)) provide('postgresTemplate', await postgresTemplate(postgresUrl, key))
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string
    postgresTemplate: string
  }
}
