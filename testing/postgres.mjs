// Test infrastructure shared by vitest.config.ts, playwright.config.ts and bench/: where the test
// PostgreSQL is, and whether it answers. TEST_DATABASE_URL set means PostgreSQL is required.
import { spawnSync } from 'node:child_process'

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres'

export function testDatabaseUrl() {
  return process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL
}

export function postgresRequired() {
  return Boolean(process.env.TEST_DATABASE_URL)
}

/** Synchronously asks the server for `select 1` (configs cannot await). */
export function isPostgresReachable(url = testDatabaseUrl()) {
  const probe = `const sql=require('postgres')(process.argv[1],{connect_timeout:3,max:1,onnotice(){}});sql\`select 1\`.then(()=>sql.end().then(()=>process.exit(0)),()=>process.exit(1))`
  return spawnSync(process.execPath, ['-e', probe, url], { timeout: 10_000 }).status === 0
}

/** Decides once whether this run covers PostgreSQL, and says so. */
export function resolvePostgres(suite) {
  const url = testDatabaseUrl()
  if (isPostgresReachable(url)) return url
  if (postgresRequired())
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL at ${new URL(url).host} does not answer`)
  console.warn(
    `[${suite}] no PostgreSQL at ${new URL(url).host}: running on PGlite only (set TEST_DATABASE_URL to require it)`,
  )
  return undefined
}

/** A database URL with another database name. */
export function withDatabase(url, name) {
  const parsed = new URL(url)
  parsed.pathname = `/${name}`
  return parsed.toString()
}

export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379'

/** Like resolvePostgres, for Redis: TEST_REDIS_URL set means Redis is required. */
export function resolveRedis(suite) {
  const url = process.env.TEST_REDIS_URL || DEFAULT_TEST_REDIS_URL
  const probe = `const R=require('ioredis');const c=new R(process.argv[1],{lazyConnect:true,maxRetriesPerRequest:0,connectTimeout:2000});c.connect().then(()=>c.ping()).then(()=>process.exit(0),()=>process.exit(1))`
  if (spawnSync(process.execPath, ['-e', probe, url], { timeout: 10_000 }).status === 0) return url
  if (process.env.TEST_REDIS_URL)
    throw new Error(`TEST_REDIS_URL is set but Redis at ${new URL(url).host} does not answer`)
  console.warn(
    `[${suite}] no Redis at ${new URL(url).host}: the Redis suites do not run (set TEST_REDIS_URL to require them)`,
  )
  return undefined
}
