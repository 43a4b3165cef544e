import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/** rate-limiter-flexible's Drizzle store: shared budgets when instances share one PostgreSQL. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull(),
  expire: timestamp('expire', { withTimezone: true, mode: 'date' }),
})
