import 'server-only'
import type { Executor } from '@/db/client'
import type { UserPrincipal } from '@/lib/auth/principal'
import { AppError } from '@/lib/errors'
import { findOrgsOfUser } from '@/lib/orgs/queries'
import { findUserById } from './queries'

/** The signed-in user with their organizations: GET /api/v1/me and the console header. */
export async function getMe(db: Executor, principal: UserPrincipal) {
  const user = await findUserById(db, principal.user.id)
  if (!user) throw new AppError('invalid_token', 'The account no longer exists')
  const orgs = await findOrgsOfUser(db, user.id)
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    mfaEnabled: false,
    primaryOrgId: user.primaryOrgId,
    orgs: orgs.map(({ id, slug, name, role }) => ({ id, slug, name, role })),
    auth: principal.type === 'api_key' ? { type: 'api_key' as const, keyId: principal.keyId, scopes: principal.scopes } : { type: principal.via },
  }
}
