import 'server-only'
import { and, eq } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { memberships, organizations, roles } from '@/db/schema'
import type { Principal } from '@/lib/auth/principal'
import { AppError } from '@/lib/errors'
import { ALL_PERMISSIONS, accessFrom, type OrgAccess, orgSummaryColumns, requirePermission } from './org-access'
import { isNamedBy, parseOrgRef } from './org-ref'
import type { Permission } from './permissions'

/** What a caller needs in the org: a permission, or only to be a member. */
export type OrgNeed = Permission | 'member'

export interface AuthorizeOrgOptions {
  /**
   * Decide a user's access from the memberships their credential's lookup loaded at the start of
   * this API request (no second query). Pages and actions read them instead: an earlier step of
   * the same request may have changed them.
   */
  fromCredential?: boolean
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
 * that loaded a resource by id compares the resource's org with `access.org.id`.
 */
export async function authorizeOrg(
  db: Executor,
  principal: Principal,
  orgRef: string,
  need: OrgNeed,
  options: AuthorizeOrgOptions = {},
): Promise<OrgAccess> {
  const access =
    options.fromCredential && principal.type === 'user'
      ? principal.memberships.find((membership) => isNamedBy(membership.org, orgRef))
      : await readAccess(db, principal, orgRef)
  if (!access) throw notFound()
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
