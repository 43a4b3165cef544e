import * as jwks from '@/app/.well-known/jwks.json/route'
import * as health from '@/app/api/health/route'
import * as metricsRoute from '@/app/api/metrics/route'
import * as ready from '@/app/api/ready/route'
import * as adminUserResetMfa from '@/app/api/v1/admin/users/[id]/reset-mfa/route'
import * as adminUser from '@/app/api/v1/admin/users/[id]/route'
import * as adminUsers from '@/app/api/v1/admin/users/route'
import * as apiKey from '@/app/api/v1/api-keys/[id]/route'
import * as apiKeysRevokeAll from '@/app/api/v1/api-keys/revoke-all/route'
import * as apiKeys from '@/app/api/v1/api-keys/route'
import * as logout from '@/app/api/v1/auth/logout/route'
import * as totpDisable from '@/app/api/v1/auth/mfa/totp/disable/route'
import * as totpEnable from '@/app/api/v1/auth/mfa/totp/enable/route'
import * as totpSetup from '@/app/api/v1/auth/mfa/totp/setup/route'
import * as password from '@/app/api/v1/auth/password/route'
import * as refresh from '@/app/api/v1/auth/refresh/route'
import * as register from '@/app/api/v1/auth/register/route'
import * as token from '@/app/api/v1/auth/token/route'
import * as primaryOrg from '@/app/api/v1/me/primary-org/route'
import * as me from '@/app/api/v1/me/route'
import * as member from '@/app/api/v1/orgs/[org]/members/[user_id]/route'
import * as members from '@/app/api/v1/orgs/[org]/members/route'
import * as role from '@/app/api/v1/orgs/[org]/roles/[role_id]/route'
import * as roles from '@/app/api/v1/orgs/[org]/roles/route'
import * as org from '@/app/api/v1/orgs/[org]/route'
import * as secretVersions from '@/app/api/v1/orgs/[org]/secrets/[name]/versions/route'
import * as secret from '@/app/api/v1/orgs/[org]/secrets/[name]/route'
import * as secretsExport from '@/app/api/v1/orgs/[org]/secrets/export/route'
import * as secretsRoute from '@/app/api/v1/orgs/[org]/secrets/route'
import * as orgs from '@/app/api/v1/orgs/route'
import * as permissions from '@/app/api/v1/permissions/route'
import * as session from '@/app/api/v1/sessions/[id]/route'
import * as sessionsRoute from '@/app/api/v1/sessions/route'
import * as setup from '@/app/api/v1/setup/route'
import * as setupStatus from '@/app/api/v1/setup/status/route'

/**
 * Every route module served through route(), by its public path. The document reads each
 * handler's own options (schemas, permission, principals); a test fails when a route is missing.
 */
export const ROUTE_MODULES: { path: string; module: Record<string, unknown> }[] = [
  { path: '/api/health', module: health },
  { path: '/api/ready', module: ready },
  { path: '/api/metrics', module: metricsRoute },
  { path: '/.well-known/jwks.json', module: jwks },
  { path: '/api/v1/setup/status', module: setupStatus },
  { path: '/api/v1/setup', module: setup },
  { path: '/api/v1/auth/register', module: register },
  { path: '/api/v1/auth/token', module: token },
  { path: '/api/v1/auth/refresh', module: refresh },
  { path: '/api/v1/auth/logout', module: logout },
  { path: '/api/v1/auth/password', module: password },
  { path: '/api/v1/auth/mfa/totp/setup', module: totpSetup },
  { path: '/api/v1/auth/mfa/totp/enable', module: totpEnable },
  { path: '/api/v1/auth/mfa/totp/disable', module: totpDisable },
  { path: '/api/v1/me', module: me },
  { path: '/api/v1/me/primary-org', module: primaryOrg },
  { path: '/api/v1/sessions', module: sessionsRoute },
  { path: '/api/v1/sessions/{id}', module: session },
  { path: '/api/v1/permissions', module: permissions },
  { path: '/api/v1/orgs', module: orgs },
  { path: '/api/v1/orgs/{org}', module: org },
  { path: '/api/v1/orgs/{org}/members', module: members },
  { path: '/api/v1/orgs/{org}/members/{user_id}', module: member },
  { path: '/api/v1/orgs/{org}/roles', module: roles },
  { path: '/api/v1/orgs/{org}/roles/{role_id}', module: role },
  { path: '/api/v1/orgs/{org}/secrets', module: secretsRoute },
  { path: '/api/v1/orgs/{org}/secrets/export', module: secretsExport },
  { path: '/api/v1/orgs/{org}/secrets/{name}', module: secret },
  { path: '/api/v1/orgs/{org}/secrets/{name}/versions', module: secretVersions },
  { path: '/api/v1/api-keys', module: apiKeys },
  { path: '/api/v1/api-keys/{id}', module: apiKey },
  { path: '/api/v1/api-keys/revoke-all', module: apiKeysRevokeAll },
  { path: '/api/v1/admin/users', module: adminUsers },
  { path: '/api/v1/admin/users/{id}', module: adminUser },
  { path: '/api/v1/admin/users/{id}/reset-mfa', module: adminUserResetMfa },
]
