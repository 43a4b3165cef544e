import { integer, pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core'
import { at, createdAt, id } from './columns'
import { organizations } from './orgs'

/**
 * Each organization's data key (32 random bytes), sealed with the master key (AES-256-GCM, the
 * org id as associated data). Secret values and file keys are sealed with it; a master-key
 * rotation re-seals only these rows.
 */
export const orgDataKeys = pgTable('org_data_keys', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  nonce: text('nonce').notNull(),
  ciphertext: text('ciphertext').notNull(),
  keyId: text('key_id').notNull(),
  createdAt: createdAt(),
})

/** A named secret of an org; its values are the versions, the newest being `version`. */
export const secrets = pgTable(
  'secrets',
  {
    id: id(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    /** Who wrote the newest version, as a label (an e-mail address, "… (API key)", "internal"). */
    updatedBy: text('updated_by').notNull(),
  },
  (table) => [unique('secrets_org_name_unique').on(table.orgId, table.name)],
)

/**
 * Every value a secret has had, sealed with the org's data key; the associated data binds it to
 * org, name and version, so a value copied to another row, org or version does not open.
 */
export const secretVersions = pgTable(
  'secret_versions',
  {
    secretId: text('secret_id')
      .notNull()
      .references(() => secrets.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    nonce: text('nonce').notNull(),
    ciphertext: text('ciphertext').notNull(),
    note: text('note'),
    createdAt: createdAt(),
    createdBy: text('created_by').notNull(),
  },
  (table) => [primaryKey({ columns: [table.secretId, table.version] })],
)

export type Secret = typeof secrets.$inferSelect
