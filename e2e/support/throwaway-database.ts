import { test } from '@playwright/test'
import postgres from 'postgres'
import { resolvePostgres, withDatabase } from '../../testing/postgres.mjs'

/** Runs `use` with the URL of a fresh PostgreSQL database, dropped afterwards; skipped where none is reachable. */
export async function withThrowawayDatabase(prefix: string, use: (databaseUrl: string) => Promise<void>) {
  const adminUrl = resolvePostgres('playwright')
  test.skip(!adminUrl, 'PostgreSQL is not reachable (CI requires it)')
  const database = `${prefix}_${Date.now().toString(36)}`
  const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database "${database}"`)
  try {
    await use(withDatabase(adminUrl!, database))
  } finally {
    await admin.unsafe(`drop database if exists "${database}" with (force)`)
    await admin.end()
  }
}
