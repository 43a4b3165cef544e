import 'server-only'
import { and, eq, isNull } from 'drizzle-orm'
import { users } from '@/db/schema'
import { NO_REQUEST, SYSTEM_ACTOR } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import { developmentHostRefusal, isDevelopmentHost } from '@/lib/http/development-host'
import { membershipsFromJson, membershipsJson } from '@/lib/rbac/memberships-json'
import type { Runtime } from '@/lib/runtime/types'
import type { SessionUser } from '@/lib/sessions/verify-session'
import { handInstanceTo, lockSetup } from '@/lib/setup/claim-instance'
import { createUser } from '@/lib/users/create-user'
import { findUserByEmail, hasAnyUser } from '@/lib/users/queries'
import { principalUserColumns } from './principal-columns'

/**
 * AUTH_ENABLED=false (local development only): every request without a credential acts as this
 * built-in administrator. It has no password, so nobody can sign in as it once auth is back on.
 */
export const DEVELOPMENT_ADMIN_EMAIL = 'developer@gatehouse.invalid'
/** Stands in for a session id: there is no session to list, end or keep. */
export const DEVELOPMENT_SESSION_ID = 'auth-disabled'

/** At boot: creates the development administrator, and on a fresh instance the default org it owns. */
export async function ensureDevelopmentAdmin(runtime: Pick<Runtime, 'db'>): Promise<void> {
  await runtime.db.transaction(async (tx) => {
    // The same lock as setup: two instances booting at once, or a setup racing this, create one admin.
    await lockSetup(tx)
    if (await findUserByEmail(tx, DEVELOPMENT_ADMIN_EMAIL)) return
    const fresh = !(await hasAnyUser(tx))
    const user = await createUser(tx, {
      email: DEVELOPMENT_ADMIN_EMAIL,
      name: 'Development administrator',
      passwordHash: null,
      isAdmin: true,
      actor: SYSTEM_ACTOR,
      meta: NO_REQUEST,
    })
    if (fresh) await handInstanceTo(tx, user, NO_REQUEST)
  })
}

/** The development administrator's session, for a request that named this instance (isDevelopmentHost). */
export async function developmentSession(
  runtime: Pick<Runtime, 'db' | 'config'>,
  host: string | null,
): Promise<SessionUser> {
  if (!isDevelopmentHost(runtime.config.appUrl, host))
    throw new AppError('forbidden', developmentHostRefusal(runtime.config.appUrl, host))
  const [row] = await runtime.db
    .select({ user: principalUserColumns, memberships: membershipsJson })
    .from(users)
    .where(and(eq(users.email, DEVELOPMENT_ADMIN_EMAIL), isNull(users.disabledAt)))
  if (!row)
    throw new AppError('unavailable', 'The development administrator is missing or disabled; restart the server')
  return {
    sessionId: DEVELOPMENT_SESSION_ID,
    expires: new Date(Date.now() + 86_400_000),
    user: row.user,
    memberships: membershipsFromJson(row.memberships),
  }
}
