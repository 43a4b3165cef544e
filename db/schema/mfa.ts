import { bigint, index, pgTable, text } from 'drizzle-orm/pg-core'
import { at, createdAt, id } from './columns'
import { users } from './users'

/**
 * A user's TOTP authenticator. The secret is sealed with the master key (AES-256-GCM, the user id
 * as associated data); it counts as a second factor once `enabledAt` is set by a confirming code.
 * `lastTimeStep` is the newest accepted code's time step: a code is never accepted twice.
 */
export const totpCredentials = pgTable('totp_credentials', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secretNonce: text('secret_nonce').notNull(),
  secretCiphertext: text('secret_ciphertext').notNull(),
  keyId: text('key_id').notNull(),
  enabledAt: at('enabled_at'),
  lastTimeStep: bigint('last_time_step', { mode: 'number' }),
  createdAt: createdAt(),
})

/** One-time recovery codes, stored as SHA-256 (they are 50 random bits, not passwords). */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull().unique(),
    usedAt: at('used_at'),
    createdAt: createdAt(),
  },
  (table) => [index('recovery_codes_user_idx').on(table.userId)],
)

export type TotpCredential = typeof totpCredentials.$inferSelect
