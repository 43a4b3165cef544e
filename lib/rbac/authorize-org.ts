import 'server-only'
import { and, eq } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { memberships, organizations, roles } from '@/db/schema'
import type { Principal } from '@/lib/auth/principal'
import { AppError } from '@/lib/errors'
import {
  ALL_PERMISSIONS,
  accessFrom,
  guestAccessTo,
  type OrgAccess,
  orgSummaryColumns,
  requirePermission,
} from './org-access'
import { isNamedBy, parseOrgRef } from './org-ref'
import { GUEST_PERMISSIONS, type Permission } from './permissions'

/** What a caller needs in the org: a permission, or only to be a member. */
export type OrgNeed = Permission | 'member'

export interface AuthorizeOrgOptions {
  /**
   * Decide a user's access from the memberships their credential's lookup loaded at the start of
   * this API request (no second query). Pages and actions read them instead: an earlier step of
   * the same request may have changed them.
   */
  fromCredential?: boolean
  /**
   * This caller serves guests: an anonymous caller, or a signed-in user who is not a member, gets
   * the guest role in an org that opted in, while the instance (`allowGuestMode`, ALLOW_GUEST_MODE)
   * allows guests at all. Only for reads: the caller's need must be a guest permission.
   */
  guests?: { allowGuestMode: boolean }
}

const notFound = () => new AppError('not_found', 'No such organization')

function orgCondition(orgRef: string) {
  const ref = parseOrgRef(orgRef)
  return 'id' in ref ? eq(organizations.id, ref.id) : eq(organizations.slug, ref.slug)
}

async function readAccess(db: Executor, principal: Principal, orgRef: string): Promise<OrgAccess | undefined> {
  if (principal.type === 'api_key') return isNamedBy(principal.org, orgRef) ? keyAccess(principal) : undefined
  if (principal.type === 'internal') {
    const [org] = await db.select(orgSummaryColumns).from(organizations).where(orgCondition(orgRef)).limit(1)
    return (
      org && { org, role: { id: 'internal', name: 'internal service', builtin: false }, permissions: ALL_PERMISSIONS }
    )
  }
  const [row] = await db
    .select({
      org: orgSummaryColumns,
      roleId: memberships.role,
      customName: roles.name,
      customPermissions: roles.permissions,
    })
    .from(organizations)
    .innerJoin(memberships, and(eq(memberships.orgId, organizations.id), eq(memberships.userId, principal.user.id)))
    .leftJoin(roles, and(eq(roles.id, memberships.role), eq(roles.orgId, organizations.id)))
    .where(orgCondition(orgRef))
    .limit(1)
  return row && accessFrom(row.org, row.roleId, row.customName, row.customPermissions)
}

/** The caller's own access: a membership, an API key's org, or the internal token's. */
async function ownAccess(db: Executor, principal: Principal, orgRef: string, options: AuthorizeOrgOptions) {
  return options.fromCredential && principal.type === 'user'
    ? principal.memberships.find((membership) => isNamedBy(membership.org, orgRef))
    : readAccess(db, principal, orgRef)
}

/**
 * The guest role in an org that opted in. API keys never: a key reaches its own org only. Not for
 * members either (they keep their own role), nor for needs beyond the guest permissions.
 */
async function readGuestAccess(
  db: Executor,
  principal: Principal | null,
  orgRef: string,
  need: OrgNeed,
  options: AuthorizeOrgOptions,
): Promise<OrgAccess | undefined> {
  if (!options.guests?.allowGuestMode || (principal && principal.type !== 'user')) return undefined
  if (need === 'member' || !GUEST_PERMISSIONS.includes(need)) return undefined
  const [org] = await db
    .select(orgSummaryColumns)
    .from(organizations)
    .where(and(orgCondition(orgRef), eq(organizations.guestAccess, true)))
    .limit(1)
  return org && guestAccessTo(org)
}

// API keys reach only their own org, with their scopes narrowed to the creator's current role.
const keyAccess = (principal: Extract<Principal, { type: 'api_key' }>): OrgAccess => ({
  org: principal.org,
  role: { id: 'api_key', name: 'API key', builtin: false },
  permissions: principal.permissions,
})

/**
 * The one door into an org (`orgRef`: an id, or a slug): 404 for foreigners and for a missing org
 * alike, 403 mfa_enrollment_required when the org requires a second factor the user lacks, then the
 * permission (403). Every route, action, page and resource-id route comes through here; a route
 * that loaded a resource by id compares the resource's org with `access.org.id`. Without a
 * principal (anonymous) only guest access opens an org; anything else is 401, so that anonymous
 * callers cannot tell a missing org from a closed one.
 */
export async function authorizeOrg(
  db: Executor,
  principal: Principal | null,
  orgRef: string,
  need: OrgNeed,
  options: AuthorizeOrgOptions = {},
): Promise<OrgAccess> {
  const access = principal && (await ownAccess(db, principal, orgRef, options))
  if (!principal || !access) {
    // Guests skip require_mfa: they have no account to enrol, and read only what anyone may read.
    const guest = await readGuestAccess(db, principal, orgRef, need, options)
    if (guest) return guest
    if (!principal)
      throw new AppError('unauthenticated', 'Sign in, or send an access token as "Authorization: Bearer <token>"')
    throw notFound()
  }
  // A service has no second factor; a user (and the keys they created) must have one where required.
  if (access.org.requireMfa && principal.type !== 'internal' && !principal.user.mfaEnabled) {
    throw new AppError(
      'mfa_enrollment_required',
      `${access.org.name} requires two-factor sign-in: set up an authenticator app (POST /api/v1/auth/mfa/totp/setup) or a passkey under Security to continue`,
    )
  }
  if (need !== 'member') requirePermission(access, need)
  return access
}
