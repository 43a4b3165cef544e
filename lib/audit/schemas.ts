import { z } from 'zod'
import { listQuerySchema } from '@/lib/http/list-query'
import { AUDIT_ACTIONS } from './actions'

const idFilter = z.string().trim().min(1, 'Send an id.').max(200, 'Use at most 200 characters.')
const timeFilter = z.iso.datetime({
  offset: true,
  message: 'Use an ISO 8601 date and time, such as 2026-12-01T00:00:00Z.',
})

/** The filters of both audit lists and their exports (API.md "Audit", "Audit: more detail"). */
export const auditQuerySchema = listQuerySchema
  .extend({
    action: z.enum(AUDIT_ACTIONS, { message: 'Use an action the audit log records, such as secret.read.' }).optional(),
    actor_id: idFilter.optional(),
    target_id: idFilter.optional(),
    outcome: z.enum(['success', 'failure'], { message: 'Use success or failure.' }).optional(),
    since: timeFilter.optional(),
    until: timeFilter.optional(),
    format: z.enum(['json', 'csv', 'jsonl'], { message: 'Use json, csv or jsonl.' }).default('json'),
  })
  .refine((query) => !query.since || !query.until || new Date(query.since) <= new Date(query.until), {
    path: ['until'],
    message: 'until must not be before since.',
  })

export type AuditQuery = z.infer<typeof auditQuerySchema>

export interface AuditFilters {
  orgId?: string
  action?: string
  actorId?: string
  targetId?: string
  outcome?: 'success' | 'failure'
  since?: Date
  until?: Date
}

export function filtersOf(query: AuditQuery, orgId?: string): AuditFilters {
  return {
    orgId,
    action: query.action,
    actorId: query.actor_id,
    targetId: query.target_id,
    outcome: query.outcome,
    since: query.since ? new Date(query.since) : undefined,
    until: query.until ? new Date(query.until) : undefined,
  }
}

export const verifyQuerySchema = z.object({
  checkpoint: z.string().trim().min(1).max(4000, 'A checkpoint is a JWS of at most 4,000 characters.').optional(),
})
