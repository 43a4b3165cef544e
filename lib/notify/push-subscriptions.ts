import 'server-only'
import { and, count, eq, ne } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { pushSubscriptions } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import type { Config } from '@/lib/config'
import { AppError } from '@/lib/errors'
import { assertPushEndpoint } from './push-endpoint'

/** Every alert is sent to each of them: a ceiling on what one account makes the server call. */
export const MAX_PUSH_DEVICES = 20

interface SubscriptionInput {
  endpoint: string
  keys: { p256dh: string; auth: string }
}

/**
 * Keeps a browser's subscription for the user. An endpoint belongs to one browser profile, so one
 * that another account subscribed before moves to this one (the browser now signs in as it).
 */
export async function savePushSubscription(
  runtime: { db: Db; config: Pick<Config, 'pushAllowedOrigins'> },
  args: { userId: string; subscription: SubscriptionInput; actor: AuditActor; meta: RequestMeta },
) {
  await assertPushEndpoint(runtime.config, args.subscription.endpoint)
  return runtime.db.transaction(async (tx) => {
    const [others] = await tx
      .select({ n: count() })
      .from(pushSubscriptions)
      .where(and(eq(pushSubscriptions.userId, args.userId), ne(pushSubscriptions.endpoint, args.subscription.endpoint)))
    if ((others?.n ?? 0) >= MAX_PUSH_DEVICES)
      throw new AppError(
        'conflict',
        `Notifications are on for ${MAX_PUSH_DEVICES} devices already; turn them off on one you no longer use.`,
      )
    const values = {
      userId: args.userId,
      endpoint: args.subscription.endpoint,
      p256dh: args.subscription.keys.p256dh,
      auth: args.subscription.keys.auth,
      userAgent: args.meta.userAgent,
    }
    const [row] = await tx
      .insert(pushSubscriptions)
      .values(values)
      .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: values })
      .returning()
    await recordAudit(tx, {
      action: 'push.subscribe',
      actor: args.actor,
      target: { type: 'push_subscription', id: row.id },
      meta: args.meta,
      details: { push_service: new URL(row.endpoint).origin },
    })
    return row
  })
}

/** Forgets the caller's subscription of this endpoint; 404 when the caller has none. */
export async function removePushSubscription(
  db: Db,
  args: { userId: string; endpoint: string; actor: AuditActor; meta: RequestMeta },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(pushSubscriptions)
      .where(and(eq(pushSubscriptions.userId, args.userId), eq(pushSubscriptions.endpoint, args.endpoint)))
      .returning()
    if (!row) throw new AppError('not_found', 'Notifications are not on for this endpoint')
    await recordAudit(tx, {
      action: 'push.unsubscribe',
      actor: args.actor,
      target: { type: 'push_subscription', id: row.id },
      meta: args.meta,
    })
  })
}

export function findPushSubscriptions(db: Db, userId: string) {
  return db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId))
}
