import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { at, createdAt } from './columns'
import { users } from './users'

/**
 * Browser sessions, shared by our session module and the Auth.js adapter. `sessionToken` holds the
 * SHA-256 of the cookie value, never the value itself, so a database leak yields no usable cookie.
 */
export const sessions = pgTable(
  'sessions',
  {
    sessionToken: text('session_token_hash').primaryKey(),
    id: text('id')
      .notNull()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expires: at('expires').notNull(),
    createdAt: createdAt(),
    lastUsedAt: at('last_used_at').notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    authMethod: text('auth_method').notNull().default('password'),
  },
  (table) => [uniqueIndex('sessions_id_idx').on(table.id), index('sessions_user_id_idx').on(table.userId)],
)

export type Session = typeof sessions.$inferSelect
