import 'server-only'
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm'
import { preparedPerDatabase } from '@/db/prepared'
import { refreshTokens, users } from '@/db/schema'
import { API_KEY_PREFIX } from '@/lib/api-keys/key-format'
import { verifyApiKey } from '@/lib/api-keys/verify-api-key'
import { safeEqual } from '@/lib/crypto/hash'
import { AppError } from '@/lib/errors'
import { membershipsFromJson, membershipsJson } from '@/lib/rbac/memberships-json'
import type { Runtime } from '@/lib/runtime'
import { sessionCookieName } from '@/lib/sessions/cookies'
import { verifySession } from '@/lib/sessions/verify-session'
import { verifyAccessToken } from './access-tokens'
import { developmentSession } from './development-admin'
import type { Principal } from './principal'
import { principalUserColumns } from './principal-columns'

export interface CredentialSource {
  authorization: string | null
  /** The X-API-Key header. */
  apiKey?: string | null
  cookie(name: string): string | undefined
  /** The Host header: with AUTH_ENABLED=false only this instance's own names are served. */
  host?: string | null
}

// One round trip: the user unless disabled, whether the token's sign-in was revoked (logout or
// refresh-token reuse, which ends its access tokens at once rather than at expiry), and the
// user's memberships.
const accessTokenLookup = preparedPerDatabase((db) =>
  db
    .select({
      user: principalUserColumns,
      revoked: sql<boolean>`exists (select 1 from ${refreshTokens} where ${and(eq(refreshTokens.familyId, sql.placeholder('familyId')), isNotNull(refreshTokens.revokedAt))})`,
      memberships: membershipsJson,
    })
    .from(users)
    .where(and(eq(users.id, sql.placeholder('userId')), isNull(users.disabledAt)))
    .prepare('gatehouse_access_token_user'),
)

async function principalOfAccessToken(runtime: Runtime, token: string): Promise<Principal> {
  const claims = await verifyAccessToken({ keys: runtime.signingKeys, issuer: runtime.config.appUrl }, token)
  // A token without a sign-in family (sign-in always names one) has none to be revoked with.
  const [row] = await accessTokenLookup(runtime.db).execute({ userId: claims.userId, familyId: claims.familyId ?? '' })
  if (!row || row.revoked) throw new AppError('invalid_token', 'The access token is no longer valid')
  return {
    type: 'user',
    via: 'access_token',
    user: row.user,
    memberships: membershipsFromJson(row.memberships),
    tokenId: claims.jti,
    familyId: claims.familyId,
  }
}

/**
 * Resolves the credential of a request: an API key (Bearer gk_… or X-API-Key), the internal token,
 * a Bearer access token, else the session cookie. A credential that is present but bad is a 401
 * even when a cookie is also sent. Null when there is none; with AUTH_ENABLED=false, the development
 * administrator's session instead (a credential that is sent is still verified and used).
 */
export async function authenticateRequest(runtime: Runtime, source: CredentialSource): Promise<Principal | null> {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(source.authorization ?? '')?.[1]
  if (source.authorization && !bearer)
    throw new AppError('invalid_token', 'The Authorization header must be "Bearer <token>"')
  if (source.apiKey) return verifyApiKey(runtime.db, source.apiKey.trim())
  if (bearer) {
    if (bearer.startsWith(API_KEY_PREFIX)) return verifyApiKey(runtime.db, bearer)
    const internalToken = runtime.config.internalToken
    if (internalToken && safeEqual(bearer, internalToken)) return { type: 'internal', via: 'internal' }
    return principalOfAccessToken(runtime, bearer)
  }
  const session = runtime.config.authEnabled
    ? await verifySession(runtime.db, source.cookie(sessionCookieName(runtime.config)))
    : await developmentSession(runtime, source.host ?? null)
  if (!session) return null
  return {
    type: 'user',
    via: 'session',
    user: session.user,
    memberships: session.memberships,
    sessionId: session.sessionId,
  }
}
