import 'server-only'
import { and, eq, or } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { memberships, organizations, roles } from '@/db/schema'
import type { Principal } from '@/lib/auth/principal'
import { AppError } from '@/lib/errors'
import { BUILTIN_ROLES, isBuiltinRole, isPermission, type Permission } from './permissions'

export interface OrgSummary {
  id: string
  slug: string
  name: string
  requireMfa: boolean
  createdAt: Date
}

export interface OrgAccess {
  org: OrgSummary
  role: { id: string; name: string; builtin: boolean }
  permissions: ReadonlySet<Permission>
}

/** The columns of an OrgSummary, for selects that need one. */
export const orgSummaryColumns = {
  id: organizations.id,
  slug: organizations.slug,
  name: organizations.name,
  requireMfa: organizations.requireMfa,
  createdAt: organizations.createdAt,
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function permissionsOf(roleName: string, customPermissions: string[] | null | undefined): Permission[] {
  if (isBuiltinRole(roleName)) return [...BUILTIN_ROLES[roleName]]
  return (customPermissions ?? []).filter(isPermission)
}

/** A membership's access: `roleId` is a built-in role's name or a custom role's id. */
export function accessFrom(
  org: OrgSummary,
  roleId: string,
  customName: string | null,
  customPermissions: string[] | null,
): OrgAccess {
  const builtin = isBuiltinRole(roleId)
  return {
    org,
    role: { id: roleId, name: builtin ? roleId : (customName ?? roleId), builtin },
    permissions: new Set(permissionsOf(roleId, customPermissions)),
  }
}

const notFound = () => new AppError('not_found', 'No such organization')
const names = (org: OrgSummary, orgRef: string) => org.slug === orgRef || (UUID.test(orgRef) && org.id === orgRef)

/**
 * What the principal may do in the organization `{org}` names (id or slug), read from the
 * database. An organization the principal is not a member of answers exactly like one that does
 * not exist: 404 not_found. Pages and server actions use this one: an action may have changed the
 * memberships earlier in the same request.
 */
export async function resolveOrgAccess(db: Executor, principal: Principal, orgRef: string): Promise<OrgAccess> {
  if (principal.type === 'api_key') return orgAccessOfCredential(principal, orgRef)
  const matchesRef = UUID.test(orgRef)
    ? or(eq(organizations.id, orgRef), eq(organizations.slug, orgRef))
    : eq(organizations.slug, orgRef)
  if (principal.type === 'internal') {
    const [org] = await db.select(orgSummaryColumns).from(organizations).where(matchesRef).limit(1)
    if (!org) throw notFound()
    return { org, role: { id: 'internal', name: 'internal service', builtin: false }, permissions: ALL_PERMISSIONS }
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
    .where(matchesRef)
    .limit(1)
  if (!row) throw notFound()
  return accessFrom(row.org, row.roleId, row.customName, row.customPermissions)
}

/**
 * The same decision without a query, from what the credential's lookup loaded at the start of this
 * API request: a user's memberships, or an API key's one org with its effective scopes.
 */
export function orgAccessOfCredential(principal: Exclude<Principal, { type: 'internal' }>, orgRef: string): OrgAccess {
  if (principal.type === 'api_key') {
    // API keys reach only their own org, with their scopes narrowed to the creator's role.
    if (!names(principal.org, orgRef)) throw notFound()
    return {
      org: principal.org,
      role: { id: 'api_key', name: 'API key', builtin: false },
      permissions: principal.permissions,
    }
  }
  const access = principal.memberships.find((membership) => names(membership.org, orgRef))
  if (!access) throw notFound()
  return access
}

const ALL_PERMISSIONS: ReadonlySet<Permission> = new Set(BUILTIN_ROLES.owner)

/**
 * An org with require_mfa is closed to members (and their API keys) without a second factor until
 * they turn one on; the internal token is a service and has none.
 */
export function requireMfaFor(access: OrgAccess, principal: Principal): void {
  if (!access.org.requireMfa || principal.type === 'internal' || principal.user.mfaEnabled) return
  throw new AppError(
    'mfa_enrollment_required',
    `${access.org.name} requires two-factor sign-in: set up an authenticator app (POST /api/v1/auth/mfa/totp/setup) or a passkey under Security to continue`,
  )
}

/** The one permission check for pages, server actions and route handlers. */
export function can(access: OrgAccess, permission: Permission): boolean {
  return access.permissions.has(permission)
}

export function requirePermission(access: OrgAccess, permission: Permission): void {
  if (!can(access, permission))
    throw new AppError('forbidden', `Your role in ${access.org.name} does not include ${permission}`)
}
