import 'server-only'
import { asc, eq } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { memberships, organizations } from '@/db/schema'
import type { Principal } from '@/lib/auth/principal'
import { AppError } from '@/lib/errors'
import { findUserById } from './queries'

/** The signed-in user with their organizations: GET /api/v1/me and the console header. */
export async function getMe(db: Executor, principal: Principal) {
  const user = await findUserById(db, principal.user.id)
  if (!user) throw new AppError('invalid_token', 'The account no longer exists')
  const orgs = await db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, user.id))
    .orderBy(asc(organizations.name))
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    mfaEnabled: false,
    primaryOrgId: user.primaryOrgId,
    orgs,
    auth: { type: principal.via },
  }
}
