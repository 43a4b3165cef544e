import { boolean, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { at, createdAt, id, updatedAt } from './columns'

// Column names the Auth.js drizzle adapter reads (name, email, emailVerified, image) keep its
// property names; the SQL names are snake_case like the rest.
export const users = pgTable('users', {
  id: id(),
  email: text('email').notNull().unique(), // stored trimmed and lower-cased
  name: text('name'),
  emailVerified: at('email_verified'),
  image: text('image'),
  passwordHash: text('password_hash'),
  isAdmin: boolean('is_admin').notNull().default(false),
  disabledAt: at('disabled_at'),
  primaryOrgId: text('primary_org_id'),
  lastLoginAt: at('last_login_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
})

/** OAuth/OIDC accounts linked by Auth.js (adapter table). */
export const accounts = pgTable(
  'accounts',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').$type<'oauth' | 'oidc' | 'email' | 'webauthn'>().notNull(),
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id').notNull(),
    refresh_token: text('refresh_token'),
    access_token: text('access_token'),
    expires_at: integer('expires_at'),
    token_type: text('token_type'),
    scope: text('scope'),
    id_token: text('id_token'),
    session_state: text('session_state'),
  },
  (table) => [
    primaryKey({ columns: [table.provider, table.providerAccountId] }),
    index('accounts_user_id_idx').on(table.userId),
  ],
)

/** Auth.js adapter table; unused by password sign-in but kept for the adapter's contract. */
export const verificationTokens = pgTable(
  'verification_tokens',
  {
    identifier: text('identifier').notNull(),
    token: text('token').notNull(),
    expires: at('expires').notNull(),
  },
  (table) => [primaryKey({ columns: [table.identifier, table.token] })],
)

export type User = typeof users.$inferSelect
export type NewUser = typeof users.$inferInsert
