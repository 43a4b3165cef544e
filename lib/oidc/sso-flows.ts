import 'server-only'
import { and, eq, gt, lt } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { ssoFlows } from '@/db/schema'
import { sha256Hex } from '@/lib/crypto/hash'

/** How long a user may spend at the identity provider between the start and the callback. */
export const SSO_FLOW_TTL_SECONDS = 600

export interface SsoFlow {
  providerId: string
  codeVerifier: string
  nonce: string
  callbackUrl: string
}

/** Keeps a sign-in just sent to a provider (and clears expired ones); the state and cookie stay with the browser. */
export async function rememberFlow(db: Db, args: SsoFlow & { state: string; browserToken: string }): Promise<void> {
  const now = new Date()
  await db.delete(ssoFlows).where(lt(ssoFlows.expiresAt, now))
  await db.insert(ssoFlows).values({
    stateHash: sha256Hex(args.state),
    browserHash: sha256Hex(args.browserToken),
    providerId: args.providerId,
    codeVerifier: args.codeVerifier,
    nonce: args.nonce,
    callbackUrl: args.callbackUrl,
    expiresAt: new Date(now.getTime() + SSO_FLOW_TTL_SECONDS * 1000),
  })
}

/**
 * The sign-in a callback answers, spent by this call: only for the state it was started with, in
 * the browser that started it, for the provider the callback names, before it expires. A replayed
 * or forged state, another browser or another provider finds nothing (and spends nothing).
 */
export async function takeFlow(
  db: Db,
  args: { state: string; browserToken: string; providerId: string },
): Promise<SsoFlow | undefined> {
  const [row] = await db
    .delete(ssoFlows)
    .where(
      and(
        eq(ssoFlows.stateHash, sha256Hex(args.state)),
        eq(ssoFlows.browserHash, sha256Hex(args.browserToken)),
        eq(ssoFlows.providerId, args.providerId),
        gt(ssoFlows.expiresAt, new Date()),
      ),
    )
    .returning()
  return row
    ? { providerId: row.providerId, codeVerifier: row.codeVerifier, nonce: row.nonce, callbackUrl: row.callbackUrl }
    : undefined
}
