import { sql } from 'drizzle-orm'
import { check, jsonb, pgTable, smallint, text } from 'drizzle-orm/pg-core'
import { updatedAt } from './columns'
import { users } from './users'

/**
 * The instance settings an administrator changed in the console (one row). Only changed fields are
 * kept: anything absent follows the environment, gatehouse.toml or the default (lib/settings).
 */
export const instanceSettings = pgTable(
  'instance_settings',
  {
    id: smallint('id').primaryKey().default(1),
    values: jsonb('values').$type<Record<string, unknown>>().notNull().default({}),
    updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: updatedAt(),
  },
  (table) => [check('instance_settings_one_row', sql`${table.id} = 1`)],
)

export type InstanceSettingsRow = typeof instanceSettings.$inferSelect
