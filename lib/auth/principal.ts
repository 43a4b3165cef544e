import type { AuditActor } from '@/lib/audit/types'
import type { Permission } from '@/lib/rbac/permissions'

export interface PrincipalUser {
  id: string
  email: string
  name: string | null
  isAdmin: boolean
}

/** Who is making a request. */
export type Principal =
  | { type: 'user'; via: 'session'; user: PrincipalUser; sessionId: string }
  | { type: 'user'; via: 'access_token'; user: PrincipalUser; tokenId: string; familyId?: string }
  /** Acts for its creator inside one org, with its scopes narrowed to the creator's current role. */
  | { type: 'api_key'; via: 'api_key'; user: PrincipalUser; keyId: string; orgId: string; scopes: Permission[]; permissions: ReadonlySet<Permission> }
  /** GATEHOUSE_INTERNAL_TOKEN: a service with every org permission and no user. */
  | { type: 'internal'; via: 'internal' }

export type PrincipalKind = Principal['type']
export type UserPrincipal = Extract<Principal, { user: PrincipalUser }>

export function auditActorOf(principal: Principal): AuditActor {
  switch (principal.type) {
    case 'user':
      return { type: 'user', id: principal.user.id, email: principal.user.email }
    case 'api_key':
      return { type: 'api_key', id: principal.keyId, email: principal.user.email }
    case 'internal':
      return { type: 'internal', id: null }
  }
}

/** The user a request acts for, if any (the internal token acts for none). */
export function userIdOf(principal: Principal): string | null {
  return principal.type === 'internal' ? null : principal.user.id
}
