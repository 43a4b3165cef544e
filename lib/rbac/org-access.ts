import 'server-only'
import { type SQL, and, eq, or } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { memberships, organizations, roles } from '@/db/schema'
import type { Principal } from '@/lib/auth/principal'
import { AppError } from '@/lib/errors'
import { BUILTIN_ROLES, isBuiltinRole, isPermission, type Permission } from './permissions'

export interface OrgAccess {
  org: { id: string; slug: string; name: string; requireMfa: boolean; createdAt: Date }
  role: { id: string; name: string; builtin: boolean }
  permissions: ReadonlySet<Permission>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function permissionsOf(roleName: string, customPermissions: string[] | null | undefined): Permission[] {
  if (isBuiltinRole(roleName)) return [...BUILTIN_ROLES[roleName]]
  return (customPermissions ?? []).filter(isPermission)
}

/**
 * What the principal may do in the organization `{org}` names (id or slug). An organization the
 * principal is not a member of answers exactly like one that does not exist: 404 not_found.
 */
export async function resolveOrgAccess(db: Executor, principal: Principal, orgRef: string): Promise<OrgAccess> {
  const matchesRef = UUID.test(orgRef) ? or(eq(organizations.id, orgRef), eq(organizations.slug, orgRef)) : eq(organizations.slug, orgRef)
  if (principal.type !== 'user') return resolveServiceAccess(db, principal, matchesRef)
  const [row] = await db
    .select({ org: organizations, roleId: memberships.role, customName: roles.name, customPermissions: roles.permissions })
    .from(organizations)
    .innerJoin(memberships, and(eq(memberships.orgId, organizations.id), eq(memberships.userId, principal.user.id)))
    .leftJoin(roles, and(eq(roles.id, memberships.role), eq(roles.orgId, organizations.id)))
    .where(matchesRef)
    .limit(1)
  if (!row) throw new AppError('not_found', 'No such organization')
  const { id, slug, name, requireMfa, createdAt } = row.org
  const builtin = isBuiltinRole(row.roleId)
  return {
    org: { id, slug, name, requireMfa, createdAt },
    role: { id: row.roleId, name: builtin ? row.roleId : (row.customName ?? row.roleId), builtin },
    permissions: new Set(permissionsOf(row.roleId, row.customPermissions)),
  }
}

const ALL_PERMISSIONS: ReadonlySet<Permission> = new Set(BUILTIN_ROLES.owner)

/** API keys reach only their own org, with their effective scopes; the internal token every org, with every permission. */
async function resolveServiceAccess(db: Executor, principal: Exclude<Principal, { type: 'user' }>, matchesRef: SQL | undefined): Promise<OrgAccess> {
  const [org] = await db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, requireMfa: organizations.requireMfa, createdAt: organizations.createdAt })
    .from(organizations)
    .where(matchesRef)
    .limit(1)
  if (!org || (principal.type === 'api_key' && org.id !== principal.orgId)) throw new AppError('not_found', 'No such organization')
  return principal.type === 'api_key'
    ? { org, role: { id: 'api_key', name: 'API key', builtin: false }, permissions: principal.permissions }
    : { org, role: { id: 'internal', name: 'internal service', builtin: false }, permissions: ALL_PERMISSIONS }
}

/** The one permission check for pages, server actions and route handlers. */
export function can(access: OrgAccess, permission: Permission): boolean {
  return access.permissions.has(permission)
}

export function requirePermission(access: OrgAccess, permission: Permission): void {
  if (!can(access, permission)) throw new AppError('forbidden', `Your role in ${access.org.name} does not include ${permission}`)
}
