/**
 * Web Push through a push service on 127.0.0.1 that checks the VAPID JWT and decrypts the RFC 8291
 * payload with the device's own key. The attacks: an endpoint aimed at the server's own network
 * (http, a private or loopback address), another account's endpoint, a caller without a session.
 */
import { eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as keysRoute from '@/app/api/v1/api-keys/route'
import * as resendRoute from '@/app/api/v1/auth/email/verify/resend/route'
import * as subscriptionsRoute from '@/app/api/v1/push/subscriptions/route'
import * as testRoute from '@/app/api/v1/push/test/route'
import * as vapidRoute from '@/app/api/v1/push/vapid-public-key/route'
import { auditLog, pushSubscriptions } from '@/db/schema'
import { settleAfterResponse } from '@/lib/runtime/after-response'
import { answerOf, callRoute } from '@/lib/testing/http'
import { seedOrg, seedUserWithToken } from '@/lib/testing/orgs'
import { type PushService, startPushService } from '@/lib/testing/push-service'
import { createTestRuntime, type TestRuntime, testConfig } from '@/lib/testing/runtime'
import { MAX_PUSH_DEVICES } from './push-subscriptions'

describe('Web Push', () => {
  let service: PushService
  let t: TestRuntime
  beforeAll(async () => {
    service = await startPushService()
  })
  afterAll(() => service.close())
  afterEach(async () => {
    await settleAfterResponse()
    await t.cleanup()
  })
  const boot = async (extra: Record<string, string> = {}, options = { persistent: false }) => {
    t = await createTestRuntime(
      { PUSH_ALLOWED_ORIGINS: service.origin, ADMIN_CONTACT_EMAIL: 'security@example.com', ...extra },
      options,
    )
    return t.runtime
  }
  const subscribe = (token: string, body: unknown) =>
    answerOf(callRoute(subscriptionsRoute.POST, '/api/v1/push/subscriptions', { token, body }))
  const unsubscribe = (token: string, endpoint: string) =>
    answerOf(
      callRoute(subscriptionsRoute.DELETE, '/api/v1/push/subscriptions', {
        method: 'DELETE',
        token,
        body: { endpoint },
      }),
    )
  const sendTest = async (token: string) => {
    const answer = await callRoute(testRoute.POST, '/api/v1/push/test', { method: 'POST', token })
    await settleAfterResponse()
    return answer.status
  }

  it('keeps its VAPID keys in the registry, sealed, the same after a restart', async () => {
    await boot({}, { persistent: true })
    const first = await answerOf(callRoute(vapidRoute.GET, '/api/v1/push/vapid-public-key'))
    expect(first).toEqual({ status: 200, public_key: t.runtime.vapid.publicKey })
    expect(Buffer.from(first.public_key, 'base64url')).toHaveLength(65)
    await t.restart()
    expect((await answerOf(callRoute(vapidRoute.GET, '/v'))).public_key).toBe(first.public_key)
    expect(t.runtime.vapid).toMatchObject({ source: 'registry', subject: 'mailto:security@example.com' })
  })

  it('takes the keys and the subject from the environment, and refuses a subject that is not mailto: or https:', async () => {
    const keys = { VAPID_PUBLIC_KEY: 'BOr-public-from-env', VAPID_PRIVATE_KEY: 'private-from-env' }
    await boot({ ...keys, VAPID_SUBJECT: 'https://gatehouse.example.com' })
    expect(t.runtime.vapid).toEqual({
      publicKey: keys.VAPID_PUBLIC_KEY,
      privateKey: keys.VAPID_PRIVATE_KEY,
      subject: 'https://gatehouse.example.com',
      source: 'env',
    })
    expect(() => testConfig({ VAPID_SUBJECT: 'ftp://example.com' })).toThrow(/VAPID_SUBJECT/)
    expect(() => testConfig({ VAPID_PUBLIC_KEY: 'only-half' })).toThrow(/VAPID_PRIVATE_KEY/)
  })

  it('delivers an encrypted test message with a VAPID JWT for the push service’s origin', async () => {
    await boot()
    const { user, token } = await seedUserWithToken(t.runtime)
    const device = service.subscribe()
    const saved = await subscribe(token, device.subscription)
    expect(saved, JSON.stringify(saved)).toMatchObject({ status: 201, endpoint: device.subscription.endpoint })
    expect(await sendTest(token)).toBe(202)
    const delivery = await service.waitFor((candidate) => candidate.subscriptionId === device.id)
    expect(delivery.message).toEqual({
      title: 'Gatehouse notifications work',
      body: 'Security alerts for your account will appear like this.',
      url: '/security',
      event: 'test',
    })
    expect(delivery.vapid.claims).toMatchObject({ aud: service.origin, sub: 'mailto:security@example.com' })
    expect(delivery.vapid.publicKey).toBe(t.runtime.vapid.publicKey)
    expect(delivery).toMatchObject({ ttl: '86400', urgency: 'high' })
    const [audit] = await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'push.subscribe'))
    expect(audit).toMatchObject({ actorId: user.id, meta: { push_service: service.origin } })
  })

  it('refuses endpoints that would aim the server at its own network, naming the field', async () => {
    await boot({ PUSH_ALLOWED_ORIGINS: '' })
    const { token } = await seedUserWithToken(t.runtime)
    const keys = service.subscribe().subscription.keys
    for (const endpoint of [
      `${service.origin}/push/x`,
      'http://push.example.com/x',
      'https://10.0.0.8/push',
      'https://[::1]/push',
      'https://169.254.169.254/latest/meta-data',
      'https://localhost/push',
      'https://user:secret@push.example.com/x',
      'not a url',
    ])
      expect(await subscribe(token, { endpoint, keys }), endpoint).toMatchObject({
        status: 422,
        errors: [{ path: 'endpoint' }],
      })
    expect(await t.runtime.db.select().from(pushSubscriptions)).toEqual([])
  })

  it('refuses keys that are not a P-256 point and a 16-byte secret', async () => {
    await boot()
    const { token } = await seedUserWithToken(t.runtime)
    const device = service.subscribe()
    for (const keys of [
      { p256dh: 'short', auth: device.subscription.keys.auth },
      { p256dh: Buffer.alloc(65, 2).toString('base64url'), auth: device.subscription.keys.auth },
      { p256dh: device.subscription.keys.p256dh, auth: Buffer.alloc(15).toString('base64url') },
      { p256dh: device.subscription.keys.p256dh },
    ])
      expect((await subscribe(token, { endpoint: device.subscription.endpoint, keys })).status).toBe(422)
  })

  it('deletes a subscription the push service says is gone, and keeps one that failed for a while', async () => {
    await boot()
    const { token } = await seedUserWithToken(t.runtime)
    const [gone, missing, troubled] = [service.subscribe(), service.subscribe(), service.subscribe()]
    for (const device of [gone, missing, troubled])
      expect((await subscribe(token, device.subscription)).status).toBe(201)
    service.answerWith(gone.id, 410)
    service.answerWith(missing.id, 404)
    service.answerWith(troubled.id, 500)
    expect(await sendTest(token)).toBe(202)
    const left = await t.runtime.db.select({ endpoint: pushSubscriptions.endpoint }).from(pushSubscriptions)
    expect(left).toEqual([{ endpoint: troubled.subscription.endpoint }])
  })

  it('turns off only the caller’s own device; another account’s endpoint is 404 and keeps working', async () => {
    await boot()
    const alice = await seedUserWithToken(t.runtime)
    const bob = await seedUserWithToken(t.runtime)
    const alicePhone = service.subscribe()
    await subscribe(alice.token, alicePhone.subscription)
    expect(await unsubscribe(bob.token, alicePhone.subscription.endpoint)).toMatchObject({ status: 404 })
    expect(await t.runtime.db.select().from(pushSubscriptions)).toHaveLength(1)
    expect(await unsubscribe(alice.token, alicePhone.subscription.endpoint)).toEqual({ status: 204 })
    const before = service.deliveries.length
    expect(await sendTest(alice.token)).toBe(202)
    expect(service.deliveries.length).toBe(before)
  })

  it('moves an endpoint to the account that subscribed it last (one browser, another sign-in)', async () => {
    await boot()
    const alice = await seedUserWithToken(t.runtime)
    const bob = await seedUserWithToken(t.runtime)
    const sharedBrowser = service.subscribe()
    await subscribe(alice.token, sharedBrowser.subscription)
    await subscribe(bob.token, sharedBrowser.subscription)
    const before = service.deliveries.length
    await sendTest(alice.token)
    expect(service.deliveries.length).toBe(before)
    await sendTest(bob.token)
    expect(service.deliveries.length).toBe(before + 1)
  })

  it('asks for a signed-in user, not an API key, and limits the devices of one account', async () => {
    await boot()
    const device = service.subscribe()
    expect((await answerOf(callRoute(subscriptionsRoute.POST, '/p', { body: device.subscription }))).status).toBe(401)
    expect((await callRoute(testRoute.POST, '/t', { method: 'POST' })).status).toBe(401)
    const { user, token } = await seedUserWithToken(t.runtime)
    const org = await seedOrg(t.runtime, user.id)
    const minted = await answerOf(
      callRoute(keysRoute.POST, '/k', { token, body: { name: 'automation', org_id: org.id, scopes: ['org:read'] } }),
    )
    for (const call of [
      callRoute(subscriptionsRoute.POST, '/p', { token: minted.key, body: device.subscription }),
      callRoute(subscriptionsRoute.DELETE, '/p', {
        method: 'DELETE',
        token: minted.key,
        body: { endpoint: 'https://x.example/1' },
      }),
      callRoute(testRoute.POST, '/t', { method: 'POST', token: minted.key }),
      callRoute(resendRoute.POST, '/r', { method: 'POST', token: minted.key }),
    ])
      expect((await call).status).toBe(403)
    for (let i = 0; i < MAX_PUSH_DEVICES; i++)
      expect((await subscribe(token, service.subscribe().subscription)).status).toBe(201)
    expect(await subscribe(token, service.subscribe().subscription)).toMatchObject({ status: 409 })
    // The same device again is an update, not one more.
    const [first] = await t.runtime.db.select().from(pushSubscriptions).limit(1)
    expect(
      (await subscribe(token, { endpoint: first.endpoint, keys: { p256dh: first.p256dh, auth: first.auth } })).status,
    ).toBe(201)
  })
})
