import 'server-only'
import { eq } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { users } from '@/db/schema'
import type { UserPrincipal } from '@/lib/auth/principal'
import { authorizeOrg } from '@/lib/rbac/authorize-org'

/** Makes one of the user's organizations their primary one; another org answers 404. */
export async function setPrimaryOrg(db: Db, principal: UserPrincipal, orgRef: string) {
  const access = await authorizeOrg(db, principal, orgRef, 'member')
  await db.update(users).set({ primaryOrgId: access.org.id }).where(eq(users.id, principal.user.id))
  return access.org
}
