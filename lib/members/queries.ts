import 'server-only'
import { and, asc, eq, sql } from 'drizzle-orm'
import type { Db, Executor } from '@/db/client'
import { preparedPerDatabase } from '@/db/prepared'
import { memberships, roles, users } from '@/db/schema'

const membersOfOrg = preparedPerDatabase((db) =>
  db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      roleId: memberships.role,
      customRole: roles.name,
      disabledAt: users.disabledAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(roles, and(eq(roles.id, memberships.role), eq(roles.orgId, memberships.orgId)))
    .where(eq(memberships.orgId, sql.placeholder('orgId')))
    .orderBy(asc(users.email))
    .prepare('gatehouse_members_of_org'),
)

/** Members of an organization with their role's name, by e-mail. */
export async function findMembers(db: Db, orgId: string) {
  const rows = await membersOfOrg(db).execute({ orgId })
  return rows.map(({ customRole, ...row }) => ({ ...row, role: customRole ?? row.roleId }))
}

export async function findMembership(db: Executor, orgId: string, userId: string) {
  const [row] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
  return row
}
