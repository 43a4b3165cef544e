import { createHash } from 'node:crypto'

export const GENESIS_HASH = '0'.repeat(64)

/** JSON with object keys sorted at every depth: jsonb does not keep key order, the hash must not care. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value instanceof Date ? value.toISOString() : (value ?? null))
}

export interface ChainedFields {
  id: string
  seq: number
  at: Date
  action: string
  outcome: string
  actorType: string
  actorId: string | null
  actorEmail: string | null
  targetType: string | null
  targetId: string | null
  orgId: string | null
  ip: string | null
  userAgent: string | null
  meta: Record<string, unknown>
  prevHash: string
}

/** SHA-256 over the previous row's hash and every field of this row. */
export function chainHash(row: ChainedFields): string {
  const content = canonicalJson({
    id: row.id,
    seq: row.seq,
    at: row.at.toISOString(),
    action: row.action,
    outcome: row.outcome,
    actor: [row.actorType, row.actorId, row.actorEmail],
    target: [row.targetType, row.targetId],
    org: row.orgId,
    ip: row.ip,
    ua: row.userAgent,
    meta: row.meta,
  })
  return createHash('sha256').update(row.prevHash).update('\n').update(content).digest('hex')
}
