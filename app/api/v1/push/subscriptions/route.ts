import { auditActorOf } from '@/lib/auth/principal'
import { json, noContent } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import {
  pushSubscriptionBodySchema,
  pushSubscriptionResponse,
  pushUnsubscribeBodySchema,
} from '@/lib/notify/push-schemas'
import { removePushSubscription, savePushSubscription } from '@/lib/notify/push-subscriptions'

// POST /api/v1/push/subscriptions: turn notifications on for a browser (its PushSubscription) (any signed-in user)
export const POST = route(
  { summary: 'turn notifications on for a browser (its PushSubscription)', body: pushSubscriptionBodySchema },
  async ({ runtime, principal, body, meta }) => {
    const row = await savePushSubscription(runtime, {
      userId: principal.user.id,
      subscription: body,
      actor: auditActorOf(principal),
      meta,
    })
    return json(pushSubscriptionResponse.parse(row), { status: 201 })
  },
)

// DELETE /api/v1/push/subscriptions: turn notifications off for a browser, by its endpoint (any signed-in user)
export const DELETE = route(
  { summary: 'turn notifications off for a browser, by its endpoint', body: pushUnsubscribeBodySchema },
  async ({ runtime, principal, body, meta }) => {
    await removePushSubscription(runtime.db, {
      userId: principal.user.id,
      endpoint: body.endpoint,
      actor: auditActorOf(principal),
      meta,
    })
    return noContent()
  },
)
