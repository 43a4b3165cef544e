import { z } from 'zod'

/** base64url of exactly `bytes` bytes (what PushSubscription.toJSON() gives for its keys). */
const base64urlOf = (bytes: number, what: string) =>
  z
    .string({ message: `Send ${what}.` })
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `${what} must be base64url.`)
    .refine((value) => Buffer.from(value, 'base64url').length === bytes, `${what} must be ${bytes} bytes.`)

export const pushSubscriptionBodySchema = z
  .strictObject({
    endpoint: z.string({ message: 'Send the endpoint.' }).min(1, 'Send the endpoint.').max(2048),
    // PushSubscription.toJSON() sends it (null in every browser today); it is not used.
    expirationTime: z.number().nullable().optional(),
    keys: z.strictObject({
      p256dh: base64urlOf(65, 'keys.p256dh').refine(
        (value) => Buffer.from(value, 'base64url')[0] === 0x04,
        'keys.p256dh must be an uncompressed P-256 point.',
      ),
      auth: base64urlOf(16, 'keys.auth'),
    }),
  })
  .meta({
    examples: [
      {
        endpoint: 'https://fcm.googleapis.com/fcm/send/dGhpcy1pcy1hbi1leGFtcGxl',
        keys: {
          p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
          auth: 'tBHItJI5svbpez7KI4CCXg',
        },
      },
    ],
  })

export const pushUnsubscribeBodySchema = z
  .strictObject({ endpoint: z.string({ message: 'Send the endpoint.' }).min(1, 'Send the endpoint.').max(2048) })
  .meta({ examples: [{ endpoint: 'https://fcm.googleapis.com/fcm/send/dGhpcy1pcy1hbi1leGFtcGxl' }] })

export const pushSubscriptionResponse = z
  .object({ id: z.string(), endpoint: z.string(), createdAt: z.date() })
  .transform((row) => ({ id: row.id, endpoint: row.endpoint, created_at: row.createdAt.toISOString() }))
