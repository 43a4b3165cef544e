import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import { at, createdAt, id } from './columns'
import { organizations } from './orgs'
import { users } from './users'

/** Org-scoped API keys. Only the SHA-256 of the key is stored, with a short visible prefix. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: id(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    createdAt: createdAt(),
    expiresAt: at('expires_at'),
    lastUsedAt: at('last_used_at'),
    revokedAt: at('revoked_at'),
  },
  (table) => [index('api_keys_org_idx').on(table.orgId), index('api_keys_creator_idx').on(table.createdBy)],
)

export type ApiKey = typeof apiKeys.$inferSelect
