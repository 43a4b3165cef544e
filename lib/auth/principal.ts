import type { AuditActor } from '@/lib/audit/types'

export interface PrincipalUser {
  id: string
  email: string
  name: string | null
  isAdmin: boolean
}

/** Who is making a request. API keys and the internal token join this union in later issues. */
export type Principal =
  | { type: 'user'; via: 'session'; user: PrincipalUser; sessionId: string }
  | { type: 'user'; via: 'access_token'; user: PrincipalUser; tokenId: string; familyId?: string }

export function auditActorOf(principal: Principal): AuditActor {
  return { type: 'user', id: principal.user.id, email: principal.user.email }
}
