import { bigint, index, jsonb, pgTable, smallint, text } from 'drizzle-orm/pg-core'
import { at, id } from './columns'

/**
 * Append-only, hash-chained audit log. `seq` is assigned under an advisory lock without gaps, and
 * `hash` covers `prevHash` and the row's own content, so an edited or removed row breaks the chain.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    seq: bigint('seq', { mode: 'number' }).notNull().unique(),
    at: at('at').notNull(),
    action: text('action').notNull(),
    outcome: text('outcome').$type<'success' | 'failure'>().notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorEmail: text('actor_email'),
    targetType: text('target_type'),
    targetId: text('target_id'),
    orgId: text('org_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  // A filtered page reads its index in seq order and stops after `limit` rows, however deep the page.
  (table) => [
    index('audit_log_org_idx').on(table.orgId, table.seq),
    index('audit_log_org_action_idx').on(table.orgId, table.action, table.seq),
    index('audit_log_action_idx').on(table.action, table.seq),
    index('audit_log_actor_idx').on(table.actorId, table.seq),
    index('audit_log_target_idx').on(table.targetId, table.seq),
    index('audit_log_at_idx').on(table.at),
  ],
)

export type AuditRow = typeof auditLog.$inferSelect

/**
 * How far the audit log has been written to the server log (lib/audit/ship-to-log.ts): one row,
 * locked by the instance that ships the next batch, so each event reaches the log once.
 */
export const auditLogShipped = pgTable('audit_log_shipped', {
  id: smallint('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
})
