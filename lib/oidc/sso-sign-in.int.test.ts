/**
 * Single sign-on against a real OpenID Provider (oidc-provider on 127.0.0.1, trusted through
 * OIDC_TRUSTED_ISSUERS): the identity rules of API.md, every callback error code, and the attacks
 * on the relying party: a forged, replayed or carried-over state, a code injected from another
 * flow, ID tokens with a wrong nonce, issuer or audience, signed by another key or not at all, an
 * off-origin callback_url, a provider whose endpoints moved, an untrusted loopback issuer.
 */
import { eq } from 'drizzle-orm'
import { generateKeyPair, jwtVerify, SignJWT } from 'jose'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as ssoCallbackRoute from '@/app/api/auth/callback/[slug]/route'
import * as providerRoute from '@/app/api/v1/admin/oidc-providers/[slug]/route'
import * as providersRoute from '@/app/api/v1/admin/oidc-providers/route'
import * as totpEnableRoute from '@/app/api/v1/auth/mfa/totp/enable/route'
import * as totpSetupRoute from '@/app/api/v1/auth/mfa/totp/setup/route'
import * as ssoStartRoute from '@/app/api/v1/auth/sso/[slug]/start/route'
import * as signInProvidersRoute from '@/app/api/v1/auth/sso/providers/route'
import { accounts, auditLog, memberships, oidcProviders, organizations, sessions, ssoFlows, users } from '@/db/schema'
import { finishBrowserSignIn, issueTokensForPassword } from '@/lib/auth/sign-in'
import { sha256Hex } from '@/lib/crypto/hash'
import { TEST_META, TEST_PASSWORD } from '@/lib/testing/fixtures'
import { answerOf, callRoute } from '@/lib/testing/http'
import { type IdpAccount, startTestIdp, type TestIdp } from '@/lib/testing/oidc-idp'
import { seedSetUpInstance, seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'

const APP_URL = 'http://localhost:3000'
const SLUG = 'team-idp'
const CLIENT = { client_id: 'gatehouse', client_secret: 'idp-client-secret-not-to-be-logged' }

const ACCOUNTS: Record<string, IdpAccount> = {
  ada: { sub: 'sub-ada', email: 'ada@example.com', email_verified: true, name: 'Ada Lovelace' },
  unverified: { sub: 'sub-unverified', email: 'eve@example.com', email_verified: false, name: 'Eve' },
  outsider: { sub: 'sub-outsider', email: 'oscar@other.test', email_verified: true, name: 'Oscar' },
  mallory: { sub: 'sub-mallory', email: 'mallory@example.com', email_verified: true },
}

/** The cookies of one browser: what the app's answers set, sent back on the next request. */
class Browser {
  private jar = new Map<string, string>()
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]
      if (value === '' || /max-age=0/i.test(line)) this.jar.delete(name)
      else this.jar.set(name, value)
    }
    return response
  }
  get(name: string) {
    return this.jar.get(name)
  }
  header() {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ')
  }
}

describe('single sign-on with a real OpenID Provider', () => {
  let idp: TestIdp
  let t: TestRuntime
  let admin: Awaited<ReturnType<typeof seedSetUpInstance>>
  let defaultOrgId: string

  beforeAll(async () => {
    idp = await startTestIdp({
      clients: [
        { ...CLIENT, redirect_uris: [`${APP_URL}/api/auth/callback/${SLUG}`, `${APP_URL}/api/auth/callback/open-idp`] },
      ],
    })
  })
  afterAll(() => idp.close())

  const resetIdp = () => {
    idp.accounts.clear()
    for (const [login, account] of Object.entries(ACCOUNTS)) idp.accounts.set(login, { ...account })
    idp.tamperIdToken = undefined
    idp.discoveryOverride = undefined
  }

  const instance = async (env: Record<string, string> = { OIDC_TRUSTED_ISSUERS: idp.issuer }, persistent = false) => {
    resetIdp()
    t = await createTestRuntime({ APP_URL, ...env }, { persistent })
    admin = await seedSetUpInstance(t.runtime)
    const [org] = await t.runtime.db.select().from(organizations).where(eq(organizations.slug, 'default'))
    defaultOrgId = org.id
  }
  afterEach(async () => {
    await t?.cleanup()
  })

  const addProvider = async (body: Record<string, unknown> = {}) => {
    const answer = await answerOf(
      callRoute(providersRoute.POST, '/api/v1/admin/oidc-providers', {
        token: admin.token,
        body: {
          slug: SLUG,
          name: 'Team IdP',
          issuer: idp.issuer,
          ...CLIENT,
          allowed_domains: ['example.com'],
          default_org_id: defaultOrgId,
          default_role: 'viewer',
          ...body,
        },
      }),
    )
    expect(answer.status, JSON.stringify(answer)).toBe(201)
    return answer
  }

  const start = async (browser: Browser, query = '', slug = SLUG) =>
    browser.take(
      await callRoute(ssoStartRoute.GET, `/api/v1/auth/sso/${slug}/start${query}`, {
        params: { slug },
        headers: { cookie: browser.header() },
      }),
    )

  const callback = async (browser: Browser, url: string, slug = SLUG) => {
    const { pathname, search } = new URL(url)
    return browser.take(
      await callRoute(ssoCallbackRoute.GET, `${pathname}${search}`, {
        params: { slug },
        headers: { cookie: browser.header() },
      }),
    )
  }

  /** A whole sign-in in one browser: start, sign in at the IdP as `login`, come back. */
  const signIn = async (login: string, { browser = new Browser(), query = '' } = {}) => {
    const started = await start(browser, query)
    expect(started.status).toBe(302)
    const back = await idp.authorize(started.headers.get('location') as string, login)
    const answer = await callback(browser, back)
    return { answer, browser, location: answer.headers.get('location') ?? '' }
  }

  const sessionCookie = (browser: Browser) => browser.get('gatehouse.session')
  const events = (action: string) => t.runtime.db.select().from(auditLog).where(eq(auditLog.action, action))
  const userByEmail = async (email: string) => {
    const [user] = await t.runtime.db.select().from(users).where(eq(users.email, email))
    return user
  }
  const refusedWith = (location: string, code: string) => expect(location).toBe(`${APP_URL}/login?error=${code}`)

  it('sends the browser to the provider with PKCE S256, a state and a nonce, all kept server-side', async () => {
    await instance()
    await addProvider()
    const browser = new Browser()
    const started = await start(browser, '?callback_url=/orgs')
    expect(started.status).toBe(302)
    const location = new URL(started.headers.get('location') as string)
    expect(`${location.origin}${location.pathname}`).toBe(`${idp.issuer}/auth`)
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      client_id: 'gatehouse',
      response_type: 'code',
      redirect_uri: `${APP_URL}/api/auth/callback/${SLUG}`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.stringMatching(/^[\w-]{43}$/),
      nonce: expect.stringMatching(/^[\w-]{43}$/),
    })
    const cookie = browser.get('gatehouse.sso')
    expect(cookie).toMatch(/^[\w-]{43}$/)
    expect(started.headers.getSetCookie().join()).toMatch(/HttpOnly/i)
    expect(started.headers.getSetCookie().join()).toMatch(/SameSite=lax/i)
    // The state is stored only as a hash; the verifier never goes to the browser.
    const rows = await t.runtime.db.select().from(ssoFlows)
    expect(rows.map((row) => row.stateHash)).toEqual([sha256Hex(location.searchParams.get('state') as string)])
    expect(JSON.stringify(started.headers.getSetCookie())).not.toContain(location.searchParams.get('state'))
  })

  it('creates an account just in time in the provider’s org and role, then signs the same sub in again after an e-mail change', async () => {
    await instance()
    await addProvider()
    const first = await signIn('ada', { query: '?callback_url=%2Forgs%3Ftab%3D1' })
    expect(first.answer.status).toBe(302)
    expect(first.location).toBe(`${APP_URL}/orgs?tab=1`)
    expect(sessionCookie(first.browser)).toBeTruthy()
    const ada = await userByEmail('ada@example.com')
    expect(ada).toMatchObject({ name: 'Ada Lovelace', passwordHash: null, isAdmin: false, primaryOrgId: defaultOrgId })
    expect(ada.emailVerified).toBeInstanceOf(Date)
    const [membership] = await t.runtime.db.select().from(memberships).where(eq(memberships.userId, ada.id))
    expect(membership).toMatchObject({ orgId: defaultOrgId, role: 'viewer' })
    const [provider] = await t.runtime.db.select().from(oidcProviders)
    expect(await t.runtime.db.select().from(accounts).where(eq(accounts.userId, ada.id))).toMatchObject([
      { provider: provider.id, providerAccountId: 'sub-ada', type: 'oidc' },
    ])
    const [created] = await events('user.create').then((rows) => rows.filter((row) => row.targetId === ada.id))
    expect(created.meta).toMatchObject({ via: 'sso' })
    const [login] = await events('auth.login')
    expect(login).toMatchObject({ actorId: ada.id, outcome: 'success' })
    expect(login.meta).toMatchObject({ method: 'sso', provider: SLUG, kind: 'browser' })
    const [session] = await t.runtime.db.select().from(sessions).where(eq(sessions.userId, ada.id))
    expect(session.authMethod).toBe('sso')
    expect(session.sessionToken).toBe(sha256Hex(sessionCookie(first.browser) as string))

    // The identity is (provider, sub): a changed e-mail at the IdP is the same person.
    idp.accounts.set('ada', { ...ACCOUNTS.ada, email: 'ada.lovelace@example.com' })
    const again = await signIn('ada')
    expect(again.location).toBe(`${APP_URL}/`)
    expect(await t.runtime.db.select().from(users)).toHaveLength(2)
    expect(await userByEmail('ada.lovelace@example.com')).toBeUndefined()
    expect((await events('auth.login')).filter((row) => row.actorId === ada.id)).toHaveLength(2)
  })

  it('puts a just-in-time account in no org when the provider names none, and never lets the provider make an admin', async () => {
    await instance()
    await addProvider({ default_org_id: null, default_role: null, allowed_domains: [] })
    const { location } = await signIn('outsider')
    expect(location).toBe(`${APP_URL}/`)
    const oscar = await userByEmail('oscar@other.test')
    expect(oscar).toMatchObject({ isAdmin: false, primaryOrgId: null })
    expect(await t.runtime.db.select().from(memberships).where(eq(memberships.userId, oscar.id))).toHaveLength(0)
  })

  it('refuses to create an account for another domain or an unverified e-mail: readable codes, no user, no session, audited', async () => {
    await instance()
    await addProvider()
    const outsider = await signIn('outsider')
    refusedWith(outsider.location, 'sso_domain_not_allowed')
    expect(sessionCookie(outsider.browser)).toBeUndefined()
    const unverified = await signIn('unverified')
    refusedWith(unverified.location, 'sso_email_unverified')
    expect(sessionCookie(unverified.browser)).toBeUndefined()
    idp.accounts.set('noemail', { sub: 'sub-noemail' })
    const noEmail = await signIn('noemail')
    refusedWith(noEmail.location, 'sso_email_unverified')
    expect(await userByEmail('oscar@other.test')).toBeUndefined()
    expect(await userByEmail('eve@example.com')).toBeUndefined()
    expect(await t.runtime.db.select().from(sessions)).toHaveLength(0)
    const failures = (await events('auth.login')).filter((row) => row.outcome === 'failure')
    expect(failures.map((row) => row.meta)).toEqual([
      expect.objectContaining({ method: 'sso', provider: SLUG, code: 'sso_domain_not_allowed' }),
      expect.objectContaining({ method: 'sso', provider: SLUG, code: 'sso_email_unverified' }),
      expect.objectContaining({ method: 'sso', provider: SLUG, code: 'sso_email_unverified', reason: 'no_email' }),
    ])
  })

  it('links an existing account only for a verified e-mail of an allowed domain, never an instance admin', async () => {
    await instance()
    await addProvider({ allowed_domains: ['example.com', 'other.test'] })
    const local = await seedUserWithToken(t.runtime, { email: 'ada@example.com' })
    const linked = await signIn('ada')
    expect(linked.location).toBe(`${APP_URL}/`)
    expect(await t.runtime.db.select().from(accounts)).toMatchObject([
      { userId: local.user.id, providerAccountId: 'sub-ada' },
    ])
    const [link] = await events('auth.sso.link')
    expect(link).toMatchObject({ actorId: local.user.id, targetId: local.user.id })
    expect(link.meta).toMatchObject({ provider: SLUG })
    // The password still works, and the account kept its (lack of) org: linking is not JIT.
    expect((await userByEmail('ada@example.com')).passwordHash).toBe(local.user.passwordHash)

    // Unverified: an attacker who registers the victim's address at a lax IdP gets nothing.
    await seedUserWithToken(t.runtime, { email: 'eve@example.com' })
    refusedWith((await signIn('unverified')).location, 'sso_account_conflict')
    // The administrator's account is never taken over through an IdP.
    idp.accounts.set('admin', { sub: 'sub-admin', email: admin.user.email, email_verified: true })
    const adminAttempt = await signIn('admin')
    refusedWith(adminAttempt.location, 'sso_account_conflict')
    expect(sessionCookie(adminAttempt.browser)).toBeUndefined()
    // A domain the provider may not vouch for.
    await answerOf(
      callRoute(providerRoute.PATCH, `/api/v1/admin/oidc-providers/${SLUG}`, {
        method: 'PATCH',
        token: admin.token,
        params: { slug: SLUG },
        body: { allowed_domains: ['example.com'] },
      }),
    )
    await seedUserWithToken(t.runtime, { email: 'oscar@other.test' })
    refusedWith((await signIn('outsider')).location, 'sso_account_conflict')
    expect(await t.runtime.db.select().from(accounts)).toHaveLength(1)
  })

  it('refuses a disabled account with account_disabled', async () => {
    await instance()
    await addProvider()
    await signIn('ada')
    await t.runtime.db.update(users).set({ disabledAt: new Date() }).where(eq(users.email, 'ada@example.com'))
    const again = await signIn('ada')
    refusedWith(again.location, 'account_disabled')
    expect(sessionCookie(again.browser)).toBeUndefined()
  })

  it('sends an account with a second factor to the second step, which records how the first step was passed', async () => {
    await instance()
    await addProvider()
    const local = await seedUserWithToken(t.runtime, { email: 'ada@example.com' })
    const { access_token } = await issueTokensForPassword(t.runtime, {
      email: 'ada@example.com',
      password: TEST_PASSWORD,
      meta: TEST_META,
    })
    const setup = await answerOf(callRoute(totpSetupRoute.POST, '/s', { method: 'POST', token: access_token }))
    const { generate } = await import('otplib')
    const enabled = await answerOf(
      callRoute(totpEnableRoute.POST, '/e', {
        token: access_token,
        body: { code: await generate({ secret: setup.secret }), password: TEST_PASSWORD },
      }),
    )
    const { answer, browser, location } = await signIn('ada', { query: '?callback_url=/orgs' })
    expect(answer.status).toBe(302)
    expect(location).toBe(`${APP_URL}/login/two-factor?callbackUrl=%2Forgs`)
    expect(sessionCookie(browser)).toBeUndefined()
    const pending = await jwtVerify(browser.get('gatehouse.mfa') as string, t.runtime.signingKeys.verifyKey, {
      audience: 'gatehouse-second-factor',
      issuer: APP_URL,
    })
    expect(pending.payload).toMatchObject({ sub: local.user.id, first: `sso:${SLUG}` })
    await finishBrowserSignIn(t.runtime, {
      userId: local.user.id,
      factor: { recoveryCode: enabled.recovery_codes[0] },
      meta: TEST_META,
      firstStep: { method: 'sso', provider: SLUG },
    })
    const logins = (await events('auth.login')).filter((row) => row.outcome === 'success')
    expect(logins.at(-1)?.meta).toMatchObject({ method: 'sso+recovery_code', provider: SLUG })
  })

  describe('attacks on the callback', () => {
    it('a tampered state finds nothing and spends nothing; a replayed callback is refused', async () => {
      await instance()
      await addProvider()
      const browser = new Browser()
      const started = await start(browser)
      const back = new URL(await idp.authorize(started.headers.get('location') as string, 'ada'))
      const tampered = new URL(back)
      const state = back.searchParams.get('state') ?? ''
      // Another last character, never the same one by chance.
      tampered.searchParams.set('state', `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`)
      refusedWith((await callback(browser, tampered.href)).headers.get('location') as string, 'sso_failed')
      const genuine = await callback(browser, back.href)
      expect(genuine.headers.get('location')).toBe(`${APP_URL}/`)
      const replayed = await callback(new Browser(), back.href)
      refusedWith(replayed.headers.get('location') as string, 'sso_failed')
      const replayedSameBrowser = await callback(browser, back.href)
      refusedWith(replayedSameBrowser.headers.get('location') as string, 'sso_failed')
      expect(await t.runtime.db.select().from(sessions)).toHaveLength(1)
      const failures = (await events('auth.login')).filter((row) => row.outcome === 'failure')
      expect(failures.map((row) => row.meta.reason)).toEqual(['state_invalid', 'state_missing', 'state_invalid'])
    })

    it('a state carried to another browser (login CSRF) or to another provider’s callback is refused', async () => {
      await instance()
      await addProvider()
      await addProvider({ slug: 'open-idp', allowed_domains: [] })
      const victim = new Browser()
      victim.take(
        new Response(null, { headers: { 'set-cookie': 'gatehouse.sso=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } }),
      )
      const attacker = new Browser()
      const started = await start(attacker)
      const back = await idp.authorize(started.headers.get('location') as string, 'mallory')
      refusedWith((await callback(victim, back)).headers.get('location') as string, 'sso_failed')
      expect(sessionCookie(victim)).toBeUndefined()
      const wrongProvider = new URL(back)
      wrongProvider.pathname = '/api/auth/callback/open-idp'
      refusedWith(
        (await callback(attacker, wrongProvider.href, 'open-idp')).headers.get('location') as string,
        'sso_failed',
      )
      // Neither attempt spent the flow: its own browser still completes it.
      expect((await callback(attacker, back)).headers.get('location')).toBe(`${APP_URL}/`)
    })

    it('a code from another flow is refused by PKCE (code injection)', async () => {
      await instance()
      await addProvider()
      const browser = new Browser()
      const attackerFlow = await start(new Browser())
      const attackerCode = new URL(await idp.authorize(attackerFlow.headers.get('location') as string, 'mallory'))
      const victimFlow = new URL((await start(browser)).headers.get('location') as string)
      const injected = new URL(`${APP_URL}/api/auth/callback/${SLUG}`)
      injected.searchParams.set('code', attackerCode.searchParams.get('code') as string)
      injected.searchParams.set('state', victimFlow.searchParams.get('state') as string)
      injected.searchParams.set('iss', idp.issuer)
      refusedWith((await callback(browser, injected.href)).headers.get('location') as string, 'sso_failed')
      expect(await userByEmail('mallory@example.com')).toBeUndefined()
      const [failure] = (await events('auth.login')).filter((row) => row.outcome === 'failure')
      expect(failure.meta.reason).toBe('token_endpoint:invalid_grant')
    })

    it('an error from the provider ends on /login with sso_failed', async () => {
      await instance()
      await addProvider()
      const browser = new Browser()
      const state = new URL((await start(browser)).headers.get('location') as string).searchParams.get('state')
      const denied = `${APP_URL}/api/auth/callback/${SLUG}?error=access_denied&state=${state}&iss=${encodeURIComponent(idp.issuer)}`
      refusedWith((await callback(browser, denied)).headers.get('location') as string, 'sso_failed')
      const [failure] = (await events('auth.login')).filter((row) => row.outcome === 'failure')
      expect(failure.meta.reason).toBe('idp_error:access_denied')
    })

    const payloadOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString())
    const resign = async (jwt: string, change: Record<string, unknown>, key = idp.signingKey.privateKey) =>
      new SignJWT({ ...payloadOf(jwt), ...change })
        .setProtectedHeader({ alg: 'RS256', kid: idp.signingKey.kid })
        .sign(key)

    it.each([
      ['a wrong nonce', (jwt: string) => resign(jwt, { nonce: 'not-the-nonce' })],
      ['another issuer', (jwt: string) => resign(jwt, { iss: 'https://idp.attacker.example' })],
      ['another audience', (jwt: string) => resign(jwt, { aud: 'some-other-client' })],
      ['an expired token', (jwt: string) => resign(jwt, { exp: Math.floor(Date.now() / 1000) - 3600 })],
      [
        'a signature by another key with the IdP’s kid',
        async (jwt: string) => resign(jwt, {}, (await generateKeyPair('RS256')).privateKey),
      ],
      [
        'alg none',
        (jwt: string) =>
          `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${jwt.split('.')[1]}.`,
      ],
      [
        'an HS256 token keyed with the client secret',
        (jwt: string) =>
          new SignJWT(payloadOf(jwt))
            .setProtectedHeader({ alg: 'HS256' })
            .sign(new TextEncoder().encode(CLIENT.client_secret)),
      ],
    ])('refuses an ID token with %s', async (_name, tamper) => {
      await instance()
      await addProvider()
      idp.tamperIdToken = tamper
      const { location, browser } = await signIn('mallory')
      refusedWith(location, 'sso_failed')
      expect(sessionCookie(browser)).toBeUndefined()
      expect(await userByEmail('mallory@example.com')).toBeUndefined()
      expect(await t.runtime.db.select().from(sessions)).toHaveLength(0)
      // Untampered, the same sign-in works: the refusal was the token's.
      idp.tamperIdToken = undefined
      expect((await signIn('mallory')).location).toBe(`${APP_URL}/`)
    })

    it('sends nobody off-origin after signing in, whatever callback_url says', async () => {
      await instance()
      await addProvider()
      for (const target of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
        const { location } = await signIn('ada', { query: `?callback_url=${encodeURIComponent(target)}` })
        expect(location, target).toBe(`${APP_URL}/`)
      }
    })
  })

  describe('the provider and its endpoints', () => {
    it('answers 404 for an unknown or disabled provider', async () => {
      await instance()
      await addProvider()
      expect((await start(new Browser(), '', 'nobody')).status).toBe(404)
      await answerOf(
        callRoute(providerRoute.PATCH, `/api/v1/admin/oidc-providers/${SLUG}`, {
          method: 'PATCH',
          token: admin.token,
          params: { slug: SLUG },
          body: { enabled: false },
        }),
      )
      const disabled = await start(new Browser())
      expect(disabled.status).toBe(404)
      expect(disabled.headers.get('content-type')).toContain('application/problem+json')
    })

    it('refuses a sign-in whose provider moved an endpoint to another host, and holds it for review until an admin saves it', async () => {
      await instance({ OIDC_TRUSTED_ISSUERS: `${idp.issuer},${idp.issuer.replace('127.0.0.1', 'localhost')}` })
      await addProvider()
      idp.discoveryOverride = { token_endpoint: `${idp.issuer.replace('127.0.0.1', 'localhost')}/token` }
      const moved = await start(new Browser())
      expect(moved.status).toBe(302)
      refusedWith(moved.headers.get('location') as string, 'sso_failed')
      const [provider] = await t.runtime.db.select().from(oidcProviders)
      expect(provider.needsReview).toBe(true)
      const [drift] = await events('oidc.provider.drift')
      expect(drift).toMatchObject({ targetId: provider.id, outcome: 'failure' })
      expect(drift.meta.moved).toEqual([
        {
          endpoint: 'token_endpoint',
          from: new URL(idp.issuer).host,
          to: new URL(idp.issuer.replace('127.0.0.1', 'localhost')).host,
        },
      ])
      // Held even when the document moves back, until an administrator looks at it.
      idp.discoveryOverride = undefined
      refusedWith((await start(new Browser())).headers.get('location') as string, 'sso_failed')
      const listed = await answerOf(callRoute(signInProvidersRoute.GET, '/api/v1/auth/sso/providers'))
      expect(listed.items).toEqual([])
      const saved = await answerOf(
        callRoute(providerRoute.PATCH, `/api/v1/admin/oidc-providers/${SLUG}`, {
          method: 'PATCH',
          token: admin.token,
          params: { slug: SLUG },
          body: {},
        }),
      )
      expect(saved).toMatchObject({ status: 200, needs_review: false })
      expect((await signIn('ada')).location).toBe(`${APP_URL}/`)
    })

    it('a path change on the same host is not drift', async () => {
      await instance()
      await addProvider()
      idp.discoveryOverride = { userinfo_endpoint: `${idp.issuer}/userinfo-v2` }
      expect((await signIn('ada')).location).toBe(`${APP_URL}/`)
      expect(await events('oidc.provider.drift')).toHaveLength(0)
    })

    it('stops calling a loopback issuer once OIDC_TRUSTED_ISSUERS no longer lists it', async () => {
      await instance(undefined, true)
      await addProvider()
      t.runtime = await t.restart({ OIDC_TRUSTED_ISSUERS: '' })
      const refused = await start(new Browser())
      refusedWith(refused.headers.get('location') as string, 'sso_failed')
      const [provider] = await t.runtime.db.select().from(oidcProviders)
      expect(provider.needsReview).toBe(false)
    })

    it('removing a provider removes the identities linked through it', async () => {
      await instance()
      await addProvider()
      await signIn('ada')
      expect(await t.runtime.db.select().from(accounts)).toHaveLength(1)
      const removed = await callRoute(providerRoute.DELETE, `/api/v1/admin/oidc-providers/${SLUG}`, {
        method: 'DELETE',
        token: admin.token,
        params: { slug: SLUG },
      })
      expect(removed.status).toBe(204)
      expect(await t.runtime.db.select().from(accounts)).toHaveLength(0)
      const ada = await userByEmail('ada@example.com')
      expect(await t.runtime.db.select().from(memberships).where(eq(memberships.userId, ada.id))).toHaveLength(1)
    })
  })

  it('never writes the client secret, a code or a token into the audit log', async () => {
    await instance()
    await addProvider()
    const browser = new Browser()
    const started = await start(browser)
    const back = new URL(await idp.authorize(started.headers.get('location') as string, 'ada'))
    await callback(browser, back.href)
    const everything = JSON.stringify(await t.runtime.db.select().from(auditLog))
    expect(everything).not.toContain(CLIENT.client_secret)
    expect(everything).not.toContain(back.searchParams.get('code'))
    expect(everything).not.toContain(back.searchParams.get('state'))
    expect(everything).not.toContain(sessionCookie(browser))
  })
})
