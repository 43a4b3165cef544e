import { bigint, index, integer, pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt, id } from './columns'
import { organizations } from './orgs'

/**
 * Files of an organization. The bytes live in file storage (DATA_DIR/files), encrypted in chunks
 * with a key of the file's own, which is sealed here with the org's data key.
 */
export const files = pgTable(
  'files',
  {
    id: id(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    /** Plaintext size in bytes. */
    size: bigint('size', { mode: 'number' }).notNull(),
    /** SHA-256 of the plaintext, hex. */
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    chunkSize: integer('chunk_size').notNull(),
    keyNonce: text('key_nonce').notNull(),
    keyCiphertext: text('key_ciphertext').notNull(),
    createdAt: createdAt(),
    createdBy: text('created_by').notNull(),
  },
  (table) => [index('files_org_idx').on(table.orgId, table.createdAt)],
)

export type StoredFile = typeof files.$inferSelect
