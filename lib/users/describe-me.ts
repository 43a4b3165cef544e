import 'server-only'
import type { UserPrincipal } from '@/lib/auth/principal'

/**
 * GET /api/v1/me, from what the credential's lookup loaded: no further query. An API key shows
 * only its own organization, with its creator's role there.
 */
export function describeMe(principal: UserPrincipal) {
  const { user } = principal
  const orgs =
    principal.type === 'api_key'
      ? [{ ...principal.org, role: principal.role }]
      : principal.memberships.map(({ org, role }) => ({ ...org, role: role.name }))
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    emailVerified: user.emailVerified,
    mfaEnabled: user.mfaEnabled,
    primaryOrgId: user.primaryOrgId,
    orgs: orgs.map(({ id, slug, name, role }) => ({ id, slug, name, role })),
    auth:
      principal.type === 'api_key'
        ? { type: 'api_key' as const, keyId: principal.keyId, scopes: principal.scopes }
        : { type: principal.via },
  }
}
