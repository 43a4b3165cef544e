export type AuditActorType = 'user' | 'internal' | 'api_key' | 'anonymous' | 'system'

export interface AuditActor {
  type: AuditActorType
  id?: string | null
  email?: string | null
}

/** Where a request came from, as recorded with every audit event. */
export interface RequestMeta {
  ip: string | null
  userAgent: string | null
  /** The browser's device cookie, when it sent a well-formed one (lib/auth/devices). */
  device?: string | null
}

export interface AuditEvent {
  action: string
  outcome?: 'success' | 'failure'
  actor: AuditActor
  target?: { type: string; id: string | null }
  orgId?: string | null
  meta: RequestMeta
  details?: Record<string, unknown>
}

export const SYSTEM_ACTOR: AuditActor = { type: 'system', id: null }
export const NO_REQUEST: RequestMeta = { ip: null, userAgent: null }
