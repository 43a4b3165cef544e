import { sql } from 'drizzle-orm'
import { boolean, check, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './columns'
import { users } from './users'

export const organizations = pgTable(
  'organizations',
  {
    id: id(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    requireMfa: boolean('require_mfa').notNull().default(false),
    /** Anonymous visitors may read the org and its files (only while ALLOW_GUEST_MODE is on). */
    guestAccess: boolean('guest_access').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // A slug never has an id's shape, so `{org}` names one organization (lib/rbac/org-ref.ts).
  (table) => [
    check(
      'organizations_slug_not_id_shaped',
      sql`${table.slug} !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`,
    ),
  ],
)

export const memberships = pgTable(
  'memberships',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.orgId, table.userId] }), index('memberships_user_idx').on(table.userId)],
)

export type Organization = typeof organizations.$inferSelect
export type Membership = typeof memberships.$inferSelect
