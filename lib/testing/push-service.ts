import { createECDH, type ECDH, randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { decrypt } from 'http_ece'
import { importJWK, type JWTPayload, jwtVerify } from 'jose'
import { arrivals } from './arrivals'

export interface PushDelivery {
  subscriptionId: string
  /** The decrypted payload, parsed. */
  message: Record<string, unknown>
  /** The VAPID JWT's verified claims and the key it was verified with (the `k` parameter). */
  vapid: { claims: JWTPayload; publicKey: string }
  ttl: string | null
  urgency: string | null
}

interface Device {
  ecdh: ECDH
  auth: Buffer
  /** What the service answers for this subscription (201, or 404/410 once it expired). */
  status: number
}

/** A raw uncompressed P-256 key (base64url) as a JWK, for jose. */
function jwkOf(rawPublicKey: string) {
  const raw = Buffer.from(rawPublicKey, 'base64url')
  if (raw.length !== 65 || raw[0] !== 0x04) throw new Error('k is not an uncompressed P-256 key')
  return {
    kty: 'EC',
    crv: 'P-256',
    x: raw.subarray(1, 33).toString('base64url'),
    y: raw.subarray(33).toString('base64url'),
  }
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

/**
 * A push service on 127.0.0.1 that behaves as a browser vendor's does for the server: it hands out
 * subscriptions (a P-256 key pair and auth secret per device, as a browser makes them), checks
 * each message's VAPID JWT (RFC 8292: ES256, `aud` = this origin, `exp` within 24 h, `sub`
 * mailto: or https:) against the `k` it came with, decrypts the RFC 8291 aes128gcm payload with
 * the device's private key, and answers 201; 401 for a bad JWT, 400 for a payload it cannot read,
 * 410 once a subscription has expired.
 */
export async function startPushService() {
  const devices = new Map<string, Device>()
  const received = arrivals<PushDelivery>('push message')
  const deliveries = received.items
  const refusals: { subscriptionId: string; status: number; reason: string }[] = []
  let origin = ''

  const server = createServer(async (request, response) => {
    const answer = (status: number, reason = '') => {
      if (status >= 400) refusals.push({ subscriptionId: id, status, reason })
      response.writeHead(status).end(reason)
    }
    const id = request.url?.match(/^\/push\/([\w-]+)$/)?.[1] ?? ''
    const device = devices.get(id)
    const body = await readBody(request)
    if (request.method !== 'POST' || !device) return answer(404, 'no such subscription')
    if (device.status !== 201) return answer(device.status, 'subscription expired')
    const vapid = request.headers.authorization?.match(/^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/)
    if (!vapid) return answer(401, 'no VAPID authorization')
    let claims: JWTPayload
    try {
      const key = await importJWK(jwkOf(vapid[2]), 'ES256')
      claims = (await jwtVerify(vapid[1], key, { algorithms: ['ES256'], audience: origin })).payload
      if (!claims.exp || claims.exp > Date.now() / 1000 + 24 * 3600) throw new Error('exp more than 24 h ahead')
      if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub)) throw new Error('bad sub')
    } catch (error) {
      return answer(401, `VAPID JWT refused: ${(error as Error).message}`)
    }
    if (request.headers['content-encoding'] !== 'aes128gcm') return answer(415, 'expected aes128gcm')
    let message: Record<string, unknown>
    try {
      message = JSON.parse(
        decrypt(body, { version: 'aes128gcm', privateKey: device.ecdh, authSecret: device.auth }).toString(),
      )
    } catch (error) {
      return answer(400, `payload not readable: ${(error as Error).message}`)
    }
    const delivery: PushDelivery = {
      subscriptionId: id,
      message,
      vapid: { claims, publicKey: vapid[2] },
      ttl: (request.headers.ttl as string | undefined) ?? null,
      urgency: (request.headers.urgency as string | undefined) ?? null,
    }
    received.add(delivery)
    answer(201)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    origin,
    deliveries,
    refusals,
    /** A new device: its id here, and its subscription as PushSubscription.toJSON() gives it to the page. */
    subscribe() {
      const id = randomUUID()
      const ecdh = createECDH('prime256v1')
      ecdh.generateKeys()
      const auth = randomBytes(16)
      devices.set(id, { ecdh, auth, status: 201 })
      return {
        id,
        subscription: {
          endpoint: `${origin}/push/${id}`,
          expirationTime: null,
          keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
        },
      }
    },
    /** From now on the service answers this status for the subscription (410 Gone, 404, 500). */
    answerWith(id: string, status: number) {
      const device = devices.get(id)
      if (device) device.status = status
    },
    waitFor: received.waitFor,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export type PushService = Awaited<ReturnType<typeof startPushService>>
