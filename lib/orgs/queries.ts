import 'server-only'
import { asc, eq, inArray } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { memberships, organizations, roles } from '@/db/schema'
import { permissionsOf } from '@/lib/rbac/org-access'

/** The user's organizations with the name and permissions of their role in each, by name. */
export async function findOrgsOfUser(db: Executor, userId: string) {
  const rows = await db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      requireMfa: organizations.requireMfa,
      roleId: memberships.role,
      customRole: roles.name,
      customPermissions: roles.permissions,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .leftJoin(roles, eq(roles.id, memberships.role))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organizations.name), asc(organizations.id))
  return rows.map(({ customRole, customPermissions, roleId, ...org }) => ({
    ...org,
    role: customRole ?? roleId,
    permissions: permissionsOf(roleId, customPermissions),
  }))
}

export async function findTakenSlugs(db: Executor, candidates: string[]): Promise<Set<string>> {
  const rows = await db
    .select({ slug: organizations.slug })
    .from(organizations)
    .where(inArray(organizations.slug, candidates))
  return new Set(rows.map((row) => row.slug))
}

/** The slug itself when free, else slug-2, slug-3 … */
export async function freeSlugFor(db: Executor, base: string): Promise<string> {
  const candidates = [base, ...Array.from({ length: 20 }, (_, i) => `${base.slice(0, 44)}-${i + 2}`)]
  const taken = await findTakenSlugs(db, candidates)
  return candidates.find((slug) => !taken.has(slug)) ?? `${base.slice(0, 39)}-${crypto.randomUUID().slice(0, 8)}`
}

/** Every organization, for an administrator's choice of one (by name; at most `limit`). */
export function findAllOrgs(db: Executor, limit = 500) {
  return db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug })
    .from(organizations)
    .orderBy(asc(organizations.name), asc(organizations.slug))
    .limit(limit)
}
