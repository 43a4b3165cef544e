import 'server-only'
import { DrizzleAdapter } from '@auth/drizzle-adapter'
import NextAuth from 'next-auth'
import type { Adapter } from 'next-auth/adapters'
import { accounts, sessions, users, verificationTokens } from '@/db/schema'
import { sha256Hex } from '@/lib/crypto/hash'
import { getRuntime } from '@/lib/runtime'
import { sessionCookieAttributes, sessionCookieName } from '@/lib/sessions/cookies'

/**
 * Auth.js stays behind this boundary: it handles OAuth/OIDC (providers are configured at runtime in
 * a later issue) and writes through its drizzle adapter to the same tables our session module
 * reads. The adapter is wrapped so a session row stores the SHA-256 of its cookie, never the cookie.
 */
function hashingAdapter(adapter: Adapter): Adapter {
  const restore = <T extends { sessionToken: string } | null | undefined>(session: T, token: string): T =>
    session ? { ...session, sessionToken: token } : session
  return {
    ...adapter,
    createSession: async (session) =>
      restore(
        await adapter.createSession!({ ...session, sessionToken: sha256Hex(session.sessionToken) }),
        session.sessionToken,
      ),
    getSessionAndUser: async (token) => {
      const found = await adapter.getSessionAndUser!(sha256Hex(token))
      return found && { ...found, session: restore(found.session, token) }
    },
    // SESSION_TTL is absolute from sign-in: Auth.js would slide `expires` forward on every read of
    // /api/auth/session, so an update never moves it.
    updateSession: async ({ expires: _slid, ...session }) =>
      restore(
        await adapter.updateSession!({ ...session, sessionToken: sha256Hex(session.sessionToken) }),
        session.sessionToken,
      ),
    deleteSession: async (token) => {
      await adapter.deleteSession!(sha256Hex(token))
    },
  }
}

export const { handlers } = NextAuth(async () => {
  const runtime = await getRuntime()
  const { config } = runtime
  return {
    secret: runtime.authSecret,
    // The host is trusted because the routes hand Auth.js requests pinned to APP_URL (nextauth-routes.ts).
    trustHost: true,
    basePath: '/api/auth',
    adapter: hashingAdapter(
      DrizzleAdapter(runtime.db, {
        usersTable: users,
        accountsTable: accounts,
        sessionsTable: sessions,
        verificationTokensTable: verificationTokens,
      }),
    ),
    // updateAge = maxAge: Auth.js never finds a session due for extension (SESSION_TTL is absolute).
    session: { strategy: 'database', maxAge: config.sessionTtl, updateAge: config.sessionTtl },
    cookies: {
      sessionToken: { name: sessionCookieName(config), options: sessionCookieAttributes(config) },
    },
    pages: { signIn: '/login', error: '/login' },
    // Into our JSON log, not the console: most of what Auth.js reports is a client's bad request.
    logger: {
      error: (error) => runtime.log.warn({ err: error }, 'Auth.js refused a request'),
      warn: (code) => runtime.log.warn({ code }, 'Auth.js warning'),
      debug: () => {},
    },
    providers: [],
  }
})
