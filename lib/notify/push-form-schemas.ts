import { z } from 'zod'
import { pushSubscriptionBodySchema } from './push-schemas'

/** The page's PushSubscription, sent by the Security page as flat form fields. */
export const subscribePushFormSchema = z
  .object({ endpoint: z.string(), p256dh: z.string(), auth: z.string() })
  .transform(({ endpoint, p256dh, auth }) => ({ endpoint, keys: { p256dh, auth } }))
  .pipe(pushSubscriptionBodySchema)

export const unsubscribePushFormSchema = z.object({ endpoint: z.string().min(1).max(2048) })
