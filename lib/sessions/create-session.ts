import 'server-only'
import type { Tx } from '@/db/client'
import { sessions } from '@/db/schema'
import type { RequestMeta } from '@/lib/audit/types'
import { randomToken, sha256Hex } from '@/lib/crypto/hash'

export interface NewBrowserSession {
  /** The cookie value; only its SHA-256 is stored. */
  token: string
  id: string
  expires: Date
  /** A new device cookie for the browser, which sent none (lib/auth/devices). */
  deviceToken?: string
}

/** Inserts a database session for a browser sign-in, inside the caller's transaction. */
export async function createSession(
  tx: Tx,
  args: { userId: string; ttlSeconds: number; meta: RequestMeta; authMethod: string },
): Promise<NewBrowserSession> {
  const token = randomToken(32)
  const expires = new Date(Date.now() + args.ttlSeconds * 1000)
  const [row] = await tx
    .insert(sessions)
    .values({
      sessionToken: sha256Hex(token),
      userId: args.userId,
      expires,
      ip: args.meta.ip,
      userAgent: args.meta.userAgent?.slice(0, 512) ?? null,
      authMethod: args.authMethod,
    })
    .returning({ id: sessions.id })
  return { token, id: row.id, expires }
}
