import { index, pgTable, text } from 'drizzle-orm/pg-core'
import { at, createdAt, id } from './columns'
import { users } from './users'

/**
 * Web Push subscriptions, one per browser profile that turned notifications on. The endpoint is a
 * URL of the browser's push service that the server calls, so it is checked (https, public) before
 * it is kept and again at every call.
 */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull().unique(),
    /** The browser's P-256 public key and auth secret (RFC 8291), base64url. */
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSentAt: at('last_sent_at'),
  },
  (table) => [index('push_subscriptions_user_idx').on(table.userId)],
)

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect
