import 'server-only'
import { eq } from 'drizzle-orm'
import webpush from 'web-push'
import { type PushSubscriptionRow, pushSubscriptions } from '@/db/schema'
import { guardedFetch } from '@/lib/oidc/guarded-fetch'
import type { Runtime } from '@/lib/runtime'
import { pushPolicy } from './push-endpoint'
import { findPushSubscriptions } from './push-subscriptions'

/** What the service worker shows (public/sw.js): a title, a line, the page a click opens. */
export interface PushMessage {
  title: string
  body: string
  /** A path of this instance. */
  url: string
  event: string
}

export interface PushOutcome {
  sent: number
  /** Subscriptions the push service no longer knows (404, 410), now deleted. */
  removed: number
  failed: number
}

// How long a push service keeps a message for a device that is offline.
const TTL_SECONDS = 24 * 3600

/**
 * One RFC 8291 aes128gcm message with RFC 8292 VAPID. web-push builds the request (encryption,
 * the VAPID JWT with the endpoint's origin as audience); guardedFetch sends it, so that the
 * address is checked at the call and a stalled push service times out.
 */
async function sendOne(runtime: Runtime, row: PushSubscriptionRow, message: PushMessage) {
  const details = webpush.generateRequestDetails(
    { endpoint: row.endpoint, keys: { p256dh: row.p256dh, auth: row.auth } },
    JSON.stringify(message),
    {
      vapidDetails: runtime.vapid,
      TTL: TTL_SECONDS,
      contentEncoding: 'aes128gcm',
      urgency: 'high',
    },
  )
  const response = await guardedFetch(
    details.endpoint,
    {
      method: details.method,
      headers: details.headers as Record<string, string>,
      body: Uint8Array.from(details.body as Buffer),
    },
    pushPolicy(runtime.config),
  )
  return response.status
}

/**
 * Sends a message to every device of the user where notifications are on. Never throws: a push
 * service that refuses or is down is logged (by origin: an endpoint is a capability) and counted.
 */
export async function sendPush(runtime: Runtime, userId: string, message: PushMessage): Promise<PushOutcome> {
  const outcome: PushOutcome = { sent: 0, removed: 0, failed: 0 }
  for (const row of await findPushSubscriptions(runtime.db, userId)) {
    const service = new URL(row.endpoint).origin
    try {
      const status = await sendOne(runtime, row, message)
      if (status >= 200 && status < 300) {
        outcome.sent++
        await runtime.db
          .update(pushSubscriptions)
          .set({ lastSentAt: new Date() })
          .where(eq(pushSubscriptions.id, row.id))
      } else if (status === 404 || status === 410) {
        outcome.removed++
        await runtime.db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, row.id))
        runtime.log.info({ push: { service, status } }, 'push subscription expired; removed')
      } else {
        outcome.failed++
        runtime.log.warn({ push: { service, status } }, 'push service refused a message')
      }
    } catch (error) {
      outcome.failed++
      runtime.log.warn({ push: { service }, reason: (error as Error).message }, 'push message not sent')
    }
  }
  return outcome
}
