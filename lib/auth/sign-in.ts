import 'server-only'
import { eq } from 'drizzle-orm'
import type { Tx } from '@/db/client'
import { users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { RequestMeta } from '@/lib/audit/types'
import { limitSignIn } from '@/lib/ratelimit/limit-sign-in'
import type { Runtime } from '@/lib/runtime'
import { createSession } from '@/lib/sessions/create-session'
import { signAccessToken } from './access-tokens'
import { checkPassword, type PasswordSignIn } from './check-password'
import { issueRefreshToken } from './refresh-tokens'

async function completeSignIn(tx: Tx, signIn: PasswordSignIn, meta: RequestMeta, kind: 'browser' | 'api', sessionId: string) {
  await tx
    .update(users)
    .set({ lastLoginAt: new Date(), ...(signIn.rehash ? { passwordHash: signIn.rehash } : {}) })
    .where(eq(users.id, signIn.user.id))
  await recordAudit(tx, {
    action: 'auth.login',
    actor: { type: 'user', id: signIn.user.id, email: signIn.user.email },
    target: { type: kind === 'browser' ? 'session' : 'token_family', id: sessionId },
    meta,
    details: { method: 'password', kind, ...(signIn.rehash ? { rehashed: true } : {}) },
  })
}

/** Password sign-in for the browser: a database session whose cookie value is returned. */
export async function signInWithPassword(runtime: Runtime, args: { email: string; password: string; meta: RequestMeta }) {
  await limitSignIn(runtime, args.meta, args.email)
  const signIn = await checkPassword(runtime.db, { ...args, kind: 'browser' })
  return runtime.db.transaction(async (tx) => {
    const session = await createSession(tx, { userId: signIn.user.id, ttlSeconds: runtime.config.sessionTtl, meta: args.meta, authMethod: 'password' })
    await completeSignIn(tx, signIn, args.meta, 'browser', session.id)
    return session
  })
}

export interface TokenPair {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
  refresh_token: string
  refresh_expires_in: number
}

/** Password sign-in for automation: a short-lived access token and a new refresh-token family. */
export async function issueTokensForPassword(runtime: Runtime, args: { email: string; password: string; meta: RequestMeta }): Promise<TokenPair> {
  await limitSignIn(runtime, args.meta, args.email)
  const signIn = await checkPassword(runtime.db, { ...args, kind: 'api' })
  const { jwt } = runtime.config
  const refresh = await runtime.db.transaction(async (tx) => {
    const issued = await issueRefreshToken(tx, { userId: signIn.user.id, ttlSeconds: jwt.refreshTokenTtl, meta: args.meta })
    await completeSignIn(tx, signIn, args.meta, 'api', issued.familyId)
    return issued
  })
  return tokenPair(runtime, signIn.user.id, refresh)
}

export async function tokenPair(runtime: Runtime, userId: string, refresh: { token: string; familyId: string }): Promise<TokenPair> {
  const { jwt, appUrl } = runtime.config
  const accessToken = await signAccessToken({ keys: runtime.signingKeys, issuer: appUrl, ttlSeconds: jwt.accessTokenTtl }, userId, refresh.familyId)
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: jwt.accessTokenTtl,
    refresh_token: refresh.token,
    refresh_expires_in: jwt.refreshTokenTtl,
  }
}
