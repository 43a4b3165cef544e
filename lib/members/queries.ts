import 'server-only'
import { and, asc, eq } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { memberships, roles, users } from '@/db/schema'

/** Members of an organization with their role's name, by e-mail. */
export async function findMembers(db: Executor, orgId: string) {
  const rows = await db
    .select({ userId: users.id, email: users.email, name: users.name, roleId: memberships.role, customRole: roles.name, disabledAt: users.disabledAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(roles, eq(roles.id, memberships.role))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(users.email))
  return rows.map(({ customRole, ...row }) => ({ ...row, role: customRole ?? row.roleId }))
}

export async function findMembership(db: Executor, orgId: string, userId: string) {
  const [row] = await db.select().from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
  return row
}
