/**
 * Password reset and e-mail verification through the API, with the mail read from a real SMTP
 * server on 127.0.0.1. The attacks: asking for a reset to learn whether an account exists, a
 * replayed, expired, guessed or other-purpose token, a reset that would skip the second factor or
 * leave a thief's session alive, an inbox flooded through the form, a token in the server log.
 */
import { Writable } from 'node:stream'
import { and, eq } from 'drizzle-orm'
import type { ParsedMail } from 'mailparser'
import { generate } from 'otplib'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as resendRoute from '@/app/api/v1/auth/email/verify/resend/route'
import * as verifyRoute from '@/app/api/v1/auth/email/verify/route'
import * as totpEnableRoute from '@/app/api/v1/auth/mfa/totp/enable/route'
import * as totpSetupRoute from '@/app/api/v1/auth/mfa/totp/setup/route'
import * as forgotRoute from '@/app/api/v1/auth/password/forgot/route'
import * as resetRoute from '@/app/api/v1/auth/password/reset/route'
import * as registerRoute from '@/app/api/v1/auth/register/route'
import { GET as meGET } from '@/app/api/v1/me/route'
import { auditLog, mailTokens, users } from '@/db/schema'
import { NO_REQUEST, SYSTEM_ACTOR } from '@/lib/audit/types'
import { createLogger } from '@/lib/log'
import { MAILS_PER_ACCOUNT_HOUR } from '@/lib/ratelimit/limits'
import { settleAfterResponse } from '@/lib/runtime/after-response'
import { seedUser, TEST_META, TEST_PASSWORD } from '@/lib/testing/fixtures'
import { answerOf, callRoute } from '@/lib/testing/http'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { isAddressedTo, type SmtpSink, startSmtpSink } from '@/lib/testing/smtp-sink'
import { startTurnstileStandIn } from '@/lib/testing/turnstile-stand-in'
import { createUser } from '@/lib/users/create-user'
import { rotateRefreshToken } from './refresh-tokens'
import { issueTokensForPassword, signInWithPassword } from './sign-in'

const NEW_PASSWORD = 'Battery-Staple-Lamp-7'
const APP_URL = 'https://gatehouse.example.com'

describe('mail links', () => {
  let sink: SmtpSink
  let t: TestRuntime
  beforeAll(async () => {
    sink = await startSmtpSink()
  })
  afterAll(() => sink.close())
  afterEach(async () => {
    await settleAfterResponse()
    await t.cleanup()
  })
  const boot = async (extra: Record<string, string> = {}) => {
    t = await createTestRuntime({ SMTP_URL: sink.url, APP_URL, ...extra })
    return t.runtime
  }

  const forgot = (body: Record<string, unknown>) =>
    callRoute(forgotRoute.POST, '/api/v1/auth/password/forgot', { body })
  const reset = (body: Record<string, unknown>) =>
    answerOf(callRoute(resetRoute.POST, '/api/v1/auth/password/reset', { body }))
  const verify = (body: Record<string, unknown>) =>
    answerOf(callRoute(verifyRoute.POST, '/api/v1/auth/email/verify', { body }))
  const RESET = 'Reset your Gatehouse password'
  const VERIFY = 'Confirm your e-mail address for Gatehouse'
  const mailTo = (address: string, subject: string) =>
    sink.waitFor((mail) => isAddressedTo(mail, address) && mail.subject === subject)
  const tokenIn = (mail: ParsedMail, path: string) => {
    const match = mail.text?.match(new RegExp(`${APP_URL}${path}#token=([A-Za-z0-9_-]{43})`))
    if (!match) throw new Error(`no ${path} link in: ${mail.text}`)
    return match[1]
  }
  const auditOf = (action: string) => t.runtime.db.select().from(auditLog).where(eq(auditLog.action, action))

  describe('password reset', () => {
    it('mails a single-use link that sets the new password and ends every session and API sign-in', async () => {
      await boot()
      const user = await seedUser(t.runtime)
      const credentials = { email: user.email, password: TEST_PASSWORD, meta: TEST_META }
      const browser = await signInWithPassword(t.runtime, credentials)
      const cli = await issueTokensForPassword(t.runtime, credentials)

      const answer = await forgot({ email: user.email.toUpperCase() })
      expect(answer.status).toBe(202)
      expect(await answer.text()).toBe('')
      const mail = await mailTo(user.email, RESET)
      expect(mail.html).toContain(`href="${APP_URL}/reset-password#token=`)
      const token = tokenIn(mail, '/reset-password')

      expect(await reset({ token, new_password: NEW_PASSWORD })).toEqual({ status: 204 })
      expect(
        (await callRoute(meGET, '/me', { headers: { cookie: `gatehouse.session=${browser.token}` } })).status,
      ).toBe(401)
      expect((await callRoute(meGET, '/me', { token: cli.access_token })).status).toBe(401)
      await expect(
        rotateRefreshToken(t.runtime.db, { token: cli.refresh_token, ttlSeconds: 60, meta: TEST_META }),
      ).rejects.toMatchObject({ code: 'invalid_token' })
      await expect(issueTokensForPassword(t.runtime, credentials)).rejects.toMatchObject({
        code: 'invalid_credentials',
      })
      const fresh = await issueTokensForPassword(t.runtime, { ...credentials, password: NEW_PASSWORD })
      // The mailbox is proved, so the address is verified too.
      expect(await answerOf(callRoute(meGET, '/me', { token: fresh.access_token }))).toMatchObject({
        email_verified: true,
      })
      expect(await reset({ token, new_password: 'Another-Sturdy-Pass-9' })).toMatchObject({
        status: 401,
        code: 'invalid_token',
      })
      expect(await auditOf('auth.password.reset_request')).toMatchObject([{ targetId: user.id, ip: '198.51.100.20' }])
      expect(await auditOf('auth.password.reset')).toMatchObject([
        { actorId: user.id, meta: { sessions_ended: 1, api_sign_ins_ended: 1 } },
      ])
    })

    it('answers an unknown address exactly as a known one, and mails nobody', async () => {
      await boot()
      const known = await seedUser(t.runtime)
      const answers = await Promise.all(
        [known.email, 'nobody-here@example.com'].map(async (email) => {
          const response = await forgot({ email })
          return { status: response.status, body: await response.text(), type: response.headers.get('content-type') }
        }),
      )
      expect(answers[1]).toEqual(answers[0])
      await settleAfterResponse()
      expect(sink.messages.filter((mail) => isAddressedTo(mail, 'nobody-here@example.com'))).toEqual([])
      expect(await auditOf('auth.password.reset_request')).toHaveLength(1)
    })

    it('refuses a garbage, truncated, expired or other-purpose token alike, and keeps the password', async () => {
      await boot()
      const user = await seedUser(t.runtime)
      await forgot({ email: user.email })
      const token = tokenIn(await mailTo(user.email, RESET), '/reset-password')
      // The shape is refused before any lookup (422); a well-shaped wrong token is 401 like every other.
      const forgeries: [string, number][] = [
        ['', 422],
        [`${token}\u0000`, 422],
        ['é'.repeat(201), 422],
        ['x', 401],
        [token.slice(0, -1), 401],
        ['A'.repeat(43), 401],
      ]
      for (const [forged, status] of forgeries)
        expect(await reset({ token: forged, new_password: NEW_PASSWORD }), JSON.stringify(forged)).toMatchObject({
          status,
        })
      // A verification link is not a reset link.
      const registered = await answerOf(
        callRoute(registerRoute.POST, '/r', {
          body: { email: 'new@example.com', name: 'New', password: TEST_PASSWORD },
        }),
      )
      expect(registered.status).toBe(201)
      const verifyToken = tokenIn(await mailTo('new@example.com', VERIFY), '/verify-email')
      expect(await reset({ token: verifyToken, new_password: NEW_PASSWORD })).toMatchObject({ code: 'invalid_token' })
      await t.runtime.db.update(mailTokens).set({ expiresAt: new Date(Date.now() - 1000) })
      expect(await reset({ token, new_password: NEW_PASSWORD })).toMatchObject({ status: 401, code: 'invalid_token' })
      expect(
        await issueTokensForPassword(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: TEST_META }),
      ).toHaveProperty('access_token')
    })

    it('refuses a weak password on its field and leaves the link usable', async () => {
      await boot()
      const user = await seedUser(t.runtime)
      await forgot({ email: user.email })
      const token = tokenIn(await mailTo(user.email, RESET), '/reset-password')
      for (const weak of ['short', user.email, 'password123456'])
        expect(await reset({ token, new_password: weak })).toMatchObject({
          status: 422,
          errors: expect.arrayContaining([expect.objectContaining({ path: 'new_password' })]),
        })
      expect(await reset({ token, new_password: NEW_PASSWORD })).toEqual({ status: 204 })
    })

    it('voids the older link when a newer one is sent', async () => {
      await boot()
      const user = await seedUser(t.runtime)
      await forgot({ email: user.email })
      const first = tokenIn(await mailTo(user.email, RESET), '/reset-password')
      const count = sink.messages.length
      await forgot({ email: user.email })
      const second = tokenIn(
        await sink.waitFor(
          (mail) => sink.messages.indexOf(mail) >= count && isAddressedTo(mail, user.email) && mail.subject === RESET,
        ),
        '/reset-password',
      )
      expect(second).not.toBe(first)
      expect(await reset({ token: first, new_password: NEW_PASSWORD })).toMatchObject({ code: 'invalid_token' })
      expect(await reset({ token: second, new_password: NEW_PASSWORD })).toEqual({ status: 204 })
    })

    it('still asks for the second factor after a reset', async () => {
      await boot()
      const user = await seedUser(t.runtime)
      const { access_token } = await issueTokensForPassword(t.runtime, {
        email: user.email,
        password: TEST_PASSWORD,
        meta: TEST_META,
      })
      const setup = await answerOf(callRoute(totpSetupRoute.POST, '/s', { method: 'POST', token: access_token }))
      expect(
        (
          await callRoute(totpEnableRoute.POST, '/e', {
            token: access_token,
            body: { code: await generate({ secret: setup.secret }), password: TEST_PASSWORD },
          })
        ).status,
      ).toBe(200)
      await forgot({ email: user.email })
      expect(
        await reset({ token: tokenIn(await mailTo(user.email, RESET), '/reset-password'), new_password: NEW_PASSWORD }),
      ).toEqual({ status: 204 })
      await expect(
        issueTokensForPassword(t.runtime, { email: user.email, password: NEW_PASSWORD, meta: TEST_META }),
      ).rejects.toMatchObject({ code: 'mfa_required' })
    })

    it('limits the mails to one address, known or not, and not the next address', async () => {
      await boot()
      for (const email of ['flooded@example.com', 'unknown-flooded@example.com']) {
        const statuses: number[] = []
        for (let i = 0; i <= MAILS_PER_ACCOUNT_HOUR; i++) statuses.push((await forgot({ email })).status)
        expect(statuses).toEqual([...Array(MAILS_PER_ACCOUNT_HOUR).fill(202), 429])
      }
      expect((await forgot({ email: 'someone-else@example.com' })).status).toBe(202)
    })

    it('limits one client address across many addresses', async () => {
      await boot({ RATE_LIMIT_AUTH: '3' })
      const statuses: number[] = []
      for (let i = 0; i < 4; i++) statuses.push((await forgot({ email: `spray${i}@example.com` })).status)
      expect(statuses).toEqual([202, 202, 202, 429])
    })

    it('asks for the human check when Turnstile guards password changes', async () => {
      const standIn = await startTurnstileStandIn()
      try {
        await boot({
          TURNSTILE_ENABLED: 'true',
          TURNSTILE_SITE_KEY: 'site',
          TURNSTILE_SECRET_KEY: 'secret',
          TURNSTILE_VERIFY_URL: standIn.url,
        })
        const user = await seedUser(t.runtime)
        expect(await answerOf(forgot({ email: user.email }))).toMatchObject({
          status: 403,
          code: 'captcha_failed',
          errors: [{ path: 'turnstile_token' }],
        })
        expect((await forgot({ email: user.email, turnstile_token: 'pass-forgot-1' })).status).toBe(202)
        expect(standIn.received.at(-1)).toMatchObject({ response: 'pass-forgot-1', remoteip: '198.51.100.20' })
      } finally {
        await standIn.close()
      }
    })

    it('mails a disabled account nothing, and tells an account without a password how it signs in', async () => {
      await boot()
      const disabled = await seedUser(t.runtime)
      await t.runtime.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.id))
      const ssoOnly = await t.runtime.db.transaction((tx) =>
        createUser(tx, {
          email: 'sso-only@example.com',
          name: 'SSO',
          passwordHash: null,
          actor: SYSTEM_ACTOR,
          meta: NO_REQUEST,
        }),
      )
      expect((await forgot({ email: disabled.email })).status).toBe(202)
      expect((await forgot({ email: ssoOnly.email })).status).toBe(202)
      const mail = await mailTo(ssoOnly.email, 'About your Gatehouse password')
      expect(mail.text).not.toContain('token=')
      await settleAfterResponse()
      expect(sink.messages.filter((message) => isAddressedTo(message, disabled.email))).toEqual([])
      expect(await t.runtime.db.select().from(mailTokens)).toEqual([])
    })

    it('writes no token to the server log, even when a delivery fails and is retried', async () => {
      const lines: string[] = []
      const log = createLogger(
        'debug',
        new Writable({
          write(chunk, _encoding, done) {
            lines.push(chunk.toString())
            done()
          },
        }),
      )
      await boot()
      t.runtime.log = log
      const user = await seedUser(t.runtime)
      sink.failNext(1)
      await forgot({ email: user.email })
      const token = tokenIn(await mailTo(user.email, RESET), '/reset-password')
      await reset({ token, new_password: NEW_PASSWORD })
      expect(lines.some((line) => line.includes('mail send failed; retrying'))).toBe(true)
      expect(lines.join('\n')).not.toContain(token)
    }, 20_000)
  })

  describe('e-mail verification', () => {
    const register = (email: string) =>
      answerOf(callRoute(registerRoute.POST, '/r', { body: { email, name: 'Grace', password: TEST_PASSWORD } }))
    const me = (token: string) => answerOf(callRoute(meGET, '/me', { token }))
    const signIn = (email: string) =>
      issueTokensForPassword(t.runtime, { email, password: TEST_PASSWORD, meta: TEST_META })

    it('mails a link on registration that verifies the address once; /me shows the state', async () => {
      await boot()
      await seedUser(t.runtime) // the instance is set up
      expect((await register('grace@example.com')).status).toBe(201)
      const { access_token } = await signIn('grace@example.com')
      expect(await me(access_token)).toMatchObject({ email_verified: false })
      const mail = await mailTo('grace@example.com', VERIFY)
      const token = tokenIn(mail, '/verify-email')
      expect(await verify({ token })).toEqual({ status: 204 })
      expect(await me(access_token)).toMatchObject({ email_verified: true })
      expect(await verify({ token })).toMatchObject({ status: 401, code: 'invalid_token' })
      expect(await auditOf('auth.email.verify')).toHaveLength(1)
    })

    it('resends a new link that voids the old one, and sends nothing once verified', async () => {
      await boot()
      await seedUser(t.runtime)
      await register('ada@example.com')
      const first = tokenIn(await mailTo('ada@example.com', VERIFY), '/verify-email')
      const { access_token } = await signIn('ada@example.com')
      const count = sink.messages.length
      expect((await callRoute(resendRoute.POST, '/v', { method: 'POST', token: access_token })).status).toBe(202)
      const second = tokenIn(
        await sink.waitFor(
          (mail) =>
            sink.messages.indexOf(mail) >= count && isAddressedTo(mail, 'ada@example.com') && mail.subject === VERIFY,
        ),
        '/verify-email',
      )
      expect(await verify({ token: first })).toMatchObject({ code: 'invalid_token' })
      expect(await verify({ token: second })).toEqual({ status: 204 })
      const before = sink.messages.length
      expect((await callRoute(resendRoute.POST, '/v', { method: 'POST', token: access_token })).status).toBe(202)
      await settleAfterResponse()
      expect(sink.messages.length).toBe(before)
      expect((await callRoute(resendRoute.POST, '/v', { method: 'POST' })).status).toBe(401)
    })

    it('verifies only the address the link was sent to', async () => {
      await boot()
      await seedUser(t.runtime)
      await register('old@example.com')
      const token = tokenIn(await mailTo('old@example.com', VERIFY), '/verify-email')
      await t.runtime.db.update(users).set({ email: 'new-owner@example.com' }).where(eq(users.email, 'old@example.com'))
      expect(await verify({ token })).toMatchObject({ status: 401, code: 'invalid_token' })
      const [row] = await t.runtime.db.select().from(users).where(eq(users.email, 'new-owner@example.com'))
      expect(row?.emailVerified).toBeNull()
    })

    it('counts accounts that an administrator created as verified, and mails them nothing', async () => {
      await boot()
      const seeded = await seedUser(t.runtime, { isAdmin: true })
      const { access_token } = await signIn(seeded.email)
      const { POST: createUserPOST } = await import('@/app/api/v1/admin/users/route')
      const created = await answerOf(
        callRoute(createUserPOST, '/api/v1/admin/users', {
          token: access_token,
          body: { email: 'made-by-admin@example.com', name: 'Made', password: TEST_PASSWORD },
        }),
      )
      expect(created.status).toBe(201)
      expect(await me((await signIn('made-by-admin@example.com')).access_token)).toMatchObject({ email_verified: true })
      await settleAfterResponse()
      expect(sink.messages.filter((mail) => isAddressedTo(mail, 'made-by-admin@example.com'))).toEqual([])
      const [row] = await t.runtime.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'user.create'), eq(auditLog.targetId, created.id as string)))
      expect(row).toBeDefined()
    })
  })
})
