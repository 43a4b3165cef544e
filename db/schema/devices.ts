import { pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { at, createdAt, id } from './columns'
import { users } from './users'

/**
 * The browsers and clients each account has signed in from, so that a sign-in from one never seen
 * before raises an alert. A browser is its `gatehouse.device` cookie; an API client (no cookies)
 * is its kind of user agent. Only hashes are kept.
 */
export const knownDevices = pgTable(
  'known_devices',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    deviceHash: text('device_hash').notNull(),
    /** "Firefox on Linux": what the alert and the user call it. */
    label: text('label'),
    createdAt: createdAt(),
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
  },
  (table) => [uniqueIndex('known_devices_user_device_idx').on(table.userId, table.deviceHash)],
)
