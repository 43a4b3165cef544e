/**
 * Security alerts, by mail (a real SMTP server on 127.0.0.1) and Web Push (a local push service
 * that decrypts what it gets), and the "This wasn't me" link that ends exactly what an alert is
 * about. The attacks: a thief's sign-in from a new device, a key or password set by someone
 * else, a report token aimed at another account's session, a replayed report link.
 */
import { eq } from 'drizzle-orm'
import type { ParsedMail } from 'mailparser'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as keysRoute from '@/app/api/v1/api-keys/route'
import * as passwordRoute from '@/app/api/v1/auth/password/route'
import * as reportRoute from '@/app/api/v1/auth/report/route'
import { GET as meGET } from '@/app/api/v1/me/route'
import * as subscriptionsRoute from '@/app/api/v1/push/subscriptions/route'
import { auditLog, sessions } from '@/db/schema'
import { changePassword } from '@/lib/auth/change-password'
import { rotateRefreshToken } from '@/lib/auth/refresh-tokens'
import { createBrowserSession, issueTokensForPassword } from '@/lib/auth/sign-in'
import { settleAfterResponse } from '@/lib/runtime/after-response'
import { seedUser, TEST_PASSWORD } from '@/lib/testing/fixtures'
import { answerOf, callRoute } from '@/lib/testing/http'
import { seedOrg } from '@/lib/testing/orgs'
import { type PushService, startPushService } from '@/lib/testing/push-service'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { isAddressedTo, type SmtpSink, startSmtpSink } from '@/lib/testing/smtp-sink'
import { issueMailToken } from './mail-tokens'

const APP_URL = 'https://gatehouse.example.com'
const CURL = { ip: '203.0.113.7', userAgent: 'curl/8.5.0' }
const FIREFOX = {
  ip: '198.51.100.99',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
}

describe('security alerts', () => {
  let sink: SmtpSink
  let push: PushService
  let t: TestRuntime
  beforeAll(async () => {
    sink = await startSmtpSink()
    push = await startPushService()
  })
  afterAll(async () => {
    await sink.close()
    await push.close()
  })
  afterEach(async () => {
    await settleAfterResponse()
    await t.cleanup()
  })
  const boot = async () => {
    t = await createTestRuntime({ SMTP_URL: sink.url, APP_URL, PUSH_ALLOWED_ORIGINS: push.origin })
    return t.runtime
  }
  const alertsTo = async (email: string, subject: string) => {
    await settleAfterResponse()
    return sink.messages.filter((mail) => isAddressedTo(mail, email) && mail.subject === subject)
  }
  const reportToken = (mail: ParsedMail) => {
    const match = mail.text?.match(new RegExp(`${APP_URL}/report#token=([A-Za-z0-9_-]{43})`))
    if (!match) throw new Error(`no report link in: ${mail.text}`)
    return match[1]
  }
  const report = (token: string) => answerOf(callRoute(reportRoute.POST, '/api/v1/auth/report', { body: { token } }))
  const signInWith = (email: string, meta: typeof CURL) =>
    issueTokensForPassword(t.runtime, { email, password: TEST_PASSWORD, meta })

  it('alerts a sign-in from a client the account has not used, by mail and push, and its link ends exactly that sign-in', async () => {
    await boot()
    const user = await seedUser(t.runtime)
    const mine = await signInWith(user.email, CURL)
    const device = push.subscribe()
    expect(
      (await callRoute(subscriptionsRoute.POST, '/p', { token: mine.access_token, body: device.subscription })).status,
    ).toBe(201)
    // The first sign-in of an account, and the same kind of client again (a newer curl), are no news.
    await signInWith(user.email, { ...CURL, userAgent: 'curl/8.11.1' })
    expect(await alertsTo(user.email, 'New sign-in to your Gatehouse account')).toEqual([])

    const thief = await signInWith(user.email, FIREFOX)
    const [mail] = await alertsTo(user.email, 'New sign-in to your Gatehouse account')
    expect(mail.text).toContain('From: Firefox on Linux, address 198.51.100.99.')
    expect(mail.html).toContain(`href="${APP_URL}/report#token=`)
    const pushed = await push.waitFor((delivery) => delivery.subscriptionId === device.id)
    expect(pushed.message).toMatchObject({ title: 'New sign-in to your Gatehouse account', event: 'new_device' })
    expect(pushed.message.url).toBe(`/report#token=${reportToken(mail)}`)

    expect(await report(reportToken(mail))).toMatchObject({ status: 200, ended: { type: 'refresh_family' } })
    await expect(
      rotateRefreshToken(t.runtime.db, { token: thief.refresh_token, ttlSeconds: 60, meta: FIREFOX }),
    ).rejects.toMatchObject({ code: 'invalid_token' })
    expect((await callRoute(meGET, '/me', { token: thief.access_token })).status).toBe(401)
    expect((await callRoute(meGET, '/me', { token: mine.access_token })).status).toBe(200)
    expect(await report(reportToken(mail))).toMatchObject({ status: 401, code: 'invalid_token' })
    const [audit] = await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'auth.report'))
    expect(audit).toMatchObject({ actorId: user.id, targetType: 'refresh_family', meta: { ended: true } })
    // The reported device is forgotten: the thief's next sign-in from it is alerted again.
    await signInWith(user.email, FIREFOX)
    expect(await alertsTo(user.email, 'New sign-in to your Gatehouse account')).toHaveLength(2)
  })

  it('knows a browser by its device cookie: the same browser is quiet, another one is alerted and signed out by the link', async () => {
    await boot()
    const user = await seedUser(t.runtime)
    const signedIn = { user }
    const first = await createBrowserSession(t.runtime, signedIn, FIREFOX, 'password')
    expect(first.deviceToken).toMatch(/^[\w-]{43}$/)
    const again = await createBrowserSession(t.runtime, signedIn, { ...FIREFOX, device: first.deviceToken }, 'password')
    expect(again.deviceToken).toBeUndefined()
    expect(await alertsTo(user.email, 'New sign-in to your Gatehouse account')).toEqual([])
    // Another browser of the same make: no cookie, so a new device.
    const other = await createBrowserSession(t.runtime, signedIn, FIREFOX, 'password')
    const [mail] = await alertsTo(user.email, 'New sign-in to your Gatehouse account')
    expect(await report(reportToken(mail))).toMatchObject({ ended: { type: 'session', id: other.id } })
    const left = await t.runtime.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id))
    expect(left.map((row) => row.id).sort()).toEqual([first.id, again.id].sort())
  })

  it('alerts a password change, and the link ends the browser session that made it', async () => {
    await boot()
    const user = await seedUser(t.runtime)
    const browser = await createBrowserSession(t.runtime, { user }, FIREFOX, 'password')
    await changePassword(t.runtime, {
      userId: user.id,
      currentPassword: TEST_PASSWORD,
      newPassword: 'Battery-Staple-Lamp-7',
      keepSessionId: browser.id,
      meta: FIREFOX,
      signIn: { type: 'session', id: browser.id },
    })
    expect(await t.runtime.db.select().from(sessions).where(eq(sessions.id, browser.id))).toHaveLength(1)
    const [mail] = await alertsTo(user.email, 'Your Gatehouse password was changed')
    expect(mail.text).toContain('The password of your account was changed.')
    expect(await report(reportToken(mail))).toMatchObject({ ended: { type: 'session', id: browser.id } })
    expect(await t.runtime.db.select().from(sessions).where(eq(sessions.id, browser.id))).toEqual([])
  })

  it('alerts a password change through the API, whose own sign-in the change has ended already', async () => {
    await boot()
    const user = await seedUser(t.runtime)
    const changer = await signInWith(user.email, CURL)
    const changed = await callRoute(passwordRoute.POST, '/p', {
      token: changer.access_token,
      body: { current_password: TEST_PASSWORD, new_password: 'Battery-Staple-Lamp-7' },
    })
    expect(changed.status).toBe(204)
    const [mail] = await alertsTo(user.email, 'Your Gatehouse password was changed')
    expect(await report(reportToken(mail))).toMatchObject({ status: 200, ended: null })
  })

  it('alerts a new API key to its creator, and the link revokes that key', async () => {
    await boot()
    const user = await seedUser(t.runtime)
    const org = await seedOrg(t.runtime, user.id)
    const { access_token } = await signInWith(user.email, CURL)
    const created = await answerOf(
      callRoute(keysRoute.POST, '/k', {
        token: access_token,
        body: { name: 'deploy', org_id: org.id, scopes: ['org:read'] },
      }),
    )
    expect(created.status).toBe(201)
    expect((await callRoute(meGET, '/me', { token: created.key })).status).toBe(200)
    const [mail] = await alertsTo(user.email, 'A new API key was created')
    expect(mail.text).toContain('The API key "deploy" was created with your account.')
    expect(await report(reportToken(mail))).toMatchObject({ ended: { type: 'api_key', id: created.id } })
    expect((await callRoute(meGET, '/me', { token: created.key })).status).toBe(401)
  })

  it('never ends another account’s sign-in, and says so when there was nothing left to end', async () => {
    await boot()
    const alice = await seedUser(t.runtime)
    const bob = await seedUser(t.runtime)
    const bobs = await createBrowserSession(t.runtime, { user: bob }, FIREFOX, 'password')
    // A report token of Alice's that names Bob's session (which no alert would do) ends nothing of Bob's.
    const aimed = await issueMailToken(t.runtime.db, {
      userId: alice.id,
      purpose: 'report',
      ttlSeconds: 600,
      target: { type: 'session', id: bobs.id },
    })
    expect(await report(aimed)).toMatchObject({ status: 200, ended: null })
    expect(await t.runtime.db.select().from(sessions).where(eq(sessions.id, bobs.id))).toHaveLength(1)
    for (const forged of ['', 'A'.repeat(43), `${aimed}\u0000`])
      expect((await report(forged)).status).toBeGreaterThanOrEqual(401)
  })
})
