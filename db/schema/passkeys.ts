import { bigint, boolean, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import { at, createdAt, id } from './columns'
import { users } from './users'

/**
 * A user's WebAuthn credentials. The public key is not secret; `counter` is the authenticator's
 * signature counter (0 for most synced passkeys), checked to spot a cloned security key.
 */
export const passkeys = pgTable(
  'passkeys',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The credential id the authenticator chose, base64url. */
    credentialId: text('credential_id').notNull().unique(),
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: jsonb('transports').$type<string[]>().notNull().default([]),
    /** Synced across the user's devices (multiDevice) or bound to one authenticator. */
    backedUp: boolean('backed_up').notNull().default(false),
    aaguid: text('aaguid'),
    name: text('name').notNull(),
    createdAt: createdAt(),
    lastUsedAt: at('last_used_at'),
  },
  (table) => [index('passkeys_user_idx').on(table.userId)],
)

/**
 * Challenges handed to a browser for one WebAuthn ceremony: single use (deleted when answered),
 * five minutes, and named by an id the browser holds in a cookie. `userId` is set when the
 * ceremony is for a known user (adding a passkey, the second step of a password sign-in).
 */
export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    id: id(),
    challenge: text('challenge').notNull(),
    purpose: text('purpose', { enum: ['register', 'sign_in', 'second_factor'] }).notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: at('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('webauthn_challenges_expires_idx').on(table.expiresAt)],
)

export type Passkey = typeof passkeys.$inferSelect
