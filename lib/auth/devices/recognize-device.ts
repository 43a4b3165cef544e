import 'server-only'
import { eq, sql } from 'drizzle-orm'
import type { Tx } from '@/db/client'
import { knownDevices } from '@/db/schema'
import type { RequestMeta } from '@/lib/audit/types'
import { randomToken, sha256Hex } from '@/lib/crypto/hash'
import { describeUserAgent } from '@/lib/format'

export interface RecognizedDevice {
  /** Never seen on this account, and the account had signed in somewhere before: alert its owner. */
  isNew: boolean
  /** Its row in known_devices. */
  id: string
  label: string
  /** A device cookie to set: the browser sent none. */
  deviceToken?: string
}

/**
 * Which browser or client a sign-in comes from, remembered per account inside the sign-in's
 * transaction. A browser is its device cookie (a new one gets a cookie now); an API client, which
 * keeps no cookies, is its kind of user agent ("curl", "Firefox on Linux"), so that a version update
 * is not a new device. An account's very first sign-in is not an alert.
 */
export async function recognizeDevice(
  tx: Tx,
  args: { userId: string; kind: 'browser' | 'api'; meta: RequestMeta },
): Promise<RecognizedDevice> {
  const label = describeUserAgent(args.meta.userAgent)
  const deviceToken = args.kind === 'browser' && !args.meta.device ? randomToken(32) : undefined
  const identity =
    args.kind === 'browser' ? `browser:${args.meta.device ?? deviceToken}` : `client:${label.toLowerCase()}`
  const deviceHash = sha256Hex(identity)
  const [seen] = await tx
    .select({ known: sql<boolean>`bool_or(${knownDevices.deviceHash} = ${deviceHash})`, any: sql<number>`count(*)` })
    .from(knownDevices)
    .where(eq(knownDevices.userId, args.userId))
  const [row] = await tx
    .insert(knownDevices)
    .values({ userId: args.userId, deviceHash, label })
    .onConflictDoUpdate({
      target: [knownDevices.userId, knownDevices.deviceHash],
      set: { lastSeenAt: new Date(), label },
    })
    .returning({ id: knownDevices.id })
  const isNew = !seen?.known && Number(seen?.any ?? 0) > 0
  return { isNew, id: row.id, label, ...(deviceToken ? { deviceToken } : {}) }
}
