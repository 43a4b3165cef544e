import type { AuditEventRow } from './find-events'

/** An audit row as the API, the exports and the server log show it (API.md "Audit"). */
export function auditEventJson(row: AuditEventRow) {
  return {
    id: row.id,
    at: row.at.toISOString(),
    action: row.action,
    outcome: row.outcome,
    actor: { type: row.actorType, id: row.actorId, ...(row.actorEmail ? { email: row.actorEmail } : {}) },
    target: { type: row.targetType, id: row.targetId },
    org_id: row.orgId,
    ip: row.ip,
    user_agent: row.userAgent,
    meta: row.meta,
  }
}
