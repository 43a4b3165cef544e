import type { AuditActor } from '@/lib/audit/types'
import type { OrgAccess, OrgSummary } from '@/lib/rbac/org-access'
import type { Permission } from '@/lib/rbac/permissions'

export interface PrincipalUser {
  id: string
  email: string
  name: string | null
  isAdmin: boolean
  primaryOrgId: string | null
  /** The address was proved by a mail link, an administrator or a single sign-on provider. */
  emailVerified: boolean
  /** A second factor is on: an authenticator app or a passkey. */
  mfaEnabled: boolean
}

/** The user's memberships as loaded with the credential, in the same query. */
type Memberships = { memberships: readonly OrgAccess[] }

/** Who is making a request. */
export type Principal =
  | ({ type: 'user'; via: 'session'; user: PrincipalUser; sessionId: string } & Memberships)
  | ({ type: 'user'; via: 'access_token'; user: PrincipalUser; tokenId: string; familyId?: string } & Memberships)
  /**
   * Acts for its creator inside one org, with its scopes narrowed to the creator's current role
   * there (`role`, that role's name).
   */
  | {
      type: 'api_key'
      via: 'api_key'
      user: PrincipalUser
      keyId: string
      org: OrgSummary
      role: string
      scopes: Permission[]
      permissions: ReadonlySet<Permission>
    }
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

/**
 * The sign-in a request came through, as a security alert's "This wasn't me" link names it: the
 * browser session, the API sign-in (refresh family) or the API key.
 */
export function signInOf(
  principal: Principal,
): { type: 'session' | 'refresh_family' | 'api_key'; id: string } | undefined {
  switch (principal.type) {
    case 'user':
      if (principal.via === 'session') return { type: 'session', id: principal.sessionId }
      return principal.familyId ? { type: 'refresh_family', id: principal.familyId } : undefined
    case 'api_key':
      return { type: 'api_key', id: principal.keyId }
    case 'internal':
      return undefined
  }
}
