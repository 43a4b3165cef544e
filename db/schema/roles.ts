import { jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './columns'
import { organizations } from './orgs'

/**
 * Custom roles of one organization. Built-in roles live in code (lib/rbac/permissions.ts); a
 * membership's `role` holds a built-in role's name or a custom role's id.
 */
export const roles = pgTable(
  'roles',
  {
    id: id(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    permissions: jsonb('permissions').$type<string[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('roles_org_name_idx').on(table.orgId, table.name)],
)

export type Role = typeof roles.$inferSelect
