import { index, pgTable, text } from 'drizzle-orm/pg-core'
import { at, createdAt, id } from './columns'
import { knownDevices } from './devices'
import { users } from './users'

/**
 * Rotating refresh tokens. Each refresh spends one row and adds the next in the same family;
 * presenting a spent row again revokes the whole family (RFC 6819 §5.2.2.3 reuse detection).
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: id(),
    familyId: text('family_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAt(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    revokedAt: at('revoked_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (table) => [index('refresh_tokens_family_idx').on(table.familyId), index('refresh_tokens_user_idx').on(table.userId)],
)

export type RefreshToken = typeof refreshTokens.$inferSelect

/**
 * The tokens that mails carry (password reset, e-mail verification, "This wasn't me"): stored as
 * SHA-256, each for one purpose, spent by its first use. A report token names what it ends.
 */
export const mailTokens = pgTable(
  'mail_tokens',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['password_reset', 'email_verify', 'report'] }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** What a report ends: a session, a sign-in family or an API key. */
    targetType: text('target_type'),
    targetId: text('target_id'),
    /** The device a new-device alert is about: its report forgets it, so that its next sign-in alerts again. */
    deviceId: text('device_id').references(() => knownDevices.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
  },
  (table) => [index('mail_tokens_user_purpose_idx').on(table.userId, table.purpose)],
)

export type MailTokenPurpose = (typeof mailTokens.purpose.enumValues)[number]
