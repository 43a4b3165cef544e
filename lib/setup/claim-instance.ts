import 'server-only'
import { sql } from 'drizzle-orm'
import type { Tx } from '@/db/client'
import type { RequestMeta } from '@/lib/audit/types'
import { createOrg } from '@/lib/orgs/create-org'
import { clearSetupToken } from './setup-token'

const SETUP_LOCK = 0x6761_7465_7365_74n // "gateset"

/**
 * Serialises whatever creates the first administrator (setup, GATEHOUSE_ADMIN_*, the development
 * administrator): instances booting at once, or two claims racing, create one.
 */
export async function lockSetup(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK.toString()}::bigint)`)
}

/** The first administrator takes a fresh instance: they own `default` (their primary org) and the setup token is spent. */
export async function handInstanceTo(tx: Tx, user: { id: string; email: string }, meta: RequestMeta) {
  const actor = { type: 'user' as const, id: user.id, email: user.email }
  await createOrg(tx, { name: 'default', slug: 'default', ownerId: user.id, actor, meta, makePrimary: true })
  await clearSetupToken(tx)
  return actor
}
