/**
 * Administrators add, change and remove single sign-on providers. The attacks: a non-admin adding
 * a provider (an IdP that vouches for anyone), a provider pointed at an internal address (SSRF
 * through discovery), and the client secret leaking through an answer, the audit log or the table.
 * The discovery stand-in listens on 127.0.0.1, trusted through OIDC_TRUSTED_ISSUERS.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { eq, sql } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as providerRoute from '@/app/api/v1/admin/oidc-providers/[slug]/route'
import * as providersRoute from '@/app/api/v1/admin/oidc-providers/route'
import * as discoverRoute from '@/app/api/v1/auth/sso/discover/route'
import * as signInProvidersRoute from '@/app/api/v1/auth/sso/providers/route'
import { auditLog, oidcProviders, registry } from '@/db/schema'
import { securityChecklist } from '@/lib/checklist/security-checklist'
import { answerOf, callRoute } from '@/lib/testing/http'
import { seedSetUpInstance, seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { readClientSecret } from './provider-secret'

const SECRET = 'client-secret-that-must-never-show'

describe('SSO providers API', () => {
  let t: TestRuntime
  let idp: Server
  let origin = ''
  let issuerMoved = false
  beforeAll(async () => {
    idp = createServer((request, response) => {
      const issuer = `${origin}${(request.url ?? '').replace('/.well-known/openid-configuration', '')}`
      if (!request.url?.endsWith('/.well-known/openid-configuration') || request.url.startsWith('/missing'))
        return response.writeHead(404).end()
      response.setHeader('content-type', 'application/json')
      response.end(
        JSON.stringify({
          issuer: issuerMoved ? 'https://elsewhere.example.com' : issuer,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
        }),
      )
    })
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`
  })
  afterAll(() => idp.close())
  afterEach(async () => {
    issuerMoved = false
    await t.cleanup()
  })

  const instance = async (trusted = true) => {
    t = await createTestRuntime(trusted ? { OIDC_TRUSTED_ISSUERS: origin } : {})
    return seedSetUpInstance(t.runtime)
  }
  const create = (body: Record<string, unknown>, token?: string) =>
    answerOf(callRoute(providersRoute.POST, '/api/v1/admin/oidc-providers', { body, token }))
  const patch = (slug: string, body: Record<string, unknown>, token: string) =>
    answerOf(
      callRoute(providerRoute.PATCH, `/api/v1/admin/oidc-providers/${slug}`, {
        method: 'PATCH',
        body,
        token,
        params: { slug },
      }),
    )
  const good = () => ({
    slug: 'team-idp',
    name: 'Team IdP',
    issuer: `${origin}/realms/team`,
    client_id: 'gatehouse',
    client_secret: SECRET,
  })
  const providerEvents = () =>
    t.runtime.db.select().from(auditLog).where(sql`${auditLog.action} like 'oidc.provider.%'`).orderBy(auditLog.seq)

  it('adds a provider with its discovery document, and the secret goes nowhere but sealed into the registry', async () => {
    const admin = await instance()
    const created = await create({ ...good(), allowed_domains: ['Example.COM', 'example.com'] }, admin.token)
    expect(created).toMatchObject({
      status: 201,
      slug: 'team-idp',
      scopes: ['openid', 'email', 'profile'],
      allowed_domains: ['example.com'],
      enabled: true,
      needs_review: false,
      redirect_uri: 'http://localhost:3000/api/auth/callback/team-idp',
    })
    expect(JSON.stringify(created)).not.toContain(SECRET)
    const [row] = await t.runtime.db.select().from(oidcProviders)
    expect(row.discovery.token_endpoint).toBe(`${origin}/realms/team/token`)
    expect(await readClientSecret(t.runtime.db, t.runtime.masterKey, row.id)).toBe(SECRET)
    const tables = await t.runtime.db.execute(sql`select row_to_json(r)::text as j from registry r`)
    expect(JSON.stringify(tables)).not.toContain(SECRET)
    const [event] = await providerEvents()
    expect(event).toMatchObject({ action: 'oidc.provider.create', actorId: admin.user.id, targetId: row.id })
    expect(JSON.stringify(event.meta)).not.toContain(SECRET)
    const listed = await answerOf(callRoute(providersRoute.GET, '/api/v1/admin/oidc-providers', { token: admin.token }))
    expect(listed.items).toHaveLength(1)
    expect(JSON.stringify(listed)).not.toContain(SECRET)
  })

  it('refuses what an administrator must not save, each with a clear answer, and stores nothing', async () => {
    const admin = await instance()
    const member = await seedUserWithToken(t.runtime)
    expect(await create(good(), member.token)).toMatchObject({ status: 403 })
    expect(await create(good())).toMatchObject({ status: 401 })
    for (const [change, field] of [
      [{ slug: 'Team_IdP' }, 'slug'],
      [{ slug: '' }, 'slug'],
      [{ scopes: ['email'] }, 'scopes'],
      [{ default_role: 'owner' }, 'default_role'],
      [{ default_org_id: crypto.randomUUID() }, 'default_org_id'],
      [{ allowed_domains: ['*.example.com'] }, 'allowed_domains.0'],
      [{ client_secret: '' }, 'client_secret'],
      [{ issuer: 'not a url' }, 'issuer'],
      [{ issuer: `${origin}/missing` }, 'issuer'],
      [{ extra: true }, 'extra'],
    ] as const) {
      const answer = await create({ ...good(), ...change }, admin.token)
      expect(answer.status, JSON.stringify(change)).toBe(422)
      expect(
        answer.errors.map((error: { path: string }) => error.path),
        JSON.stringify(change),
      ).toContain(field)
    }
    issuerMoved = true
    const mismatch = await create(good(), admin.token)
    expect(mismatch.errors[0].message).toContain('names its issuer https://elsewhere.example.com')
    expect(await t.runtime.db.select().from(oidcProviders)).toHaveLength(0)
    issuerMoved = false
    expect((await create(good(), admin.token)).status).toBe(201)
    expect(await create(good(), admin.token)).toMatchObject({ status: 409, code: 'conflict' })
  })

  it('refuses an issuer on 127.0.0.1 unless OIDC_TRUSTED_ISSUERS lists it', async () => {
    const admin = await instance(false)
    const answer = await create(good(), admin.token)
    expect(answer).toMatchObject({ status: 422 })
    expect(answer.errors[0]).toMatchObject({ path: 'issuer' })
    expect(answer.errors[0].message).toContain('OIDC_TRUSTED_ISSUERS')
    expect(await t.runtime.db.select().from(oidcProviders)).toHaveLength(0)
  })

  it('changes a provider after fetching its document again, clears "needs review", and removes it with its secret', async () => {
    const admin = await instance()
    await create(good(), admin.token)
    await t.runtime.db.update(oidcProviders).set({ needsReview: true })
    const changed = await patch('team-idp', { enabled: false, client_secret: 'rotated-secret' }, admin.token)
    expect(changed).toMatchObject({ status: 200, enabled: false, needs_review: false })
    const [row] = await t.runtime.db.select().from(oidcProviders)
    expect(await readClientSecret(t.runtime.db, t.runtime.masterKey, row.id)).toBe('rotated-secret')
    issuerMoved = true
    expect(await patch('team-idp', { name: 'Renamed' }, admin.token)).toMatchObject({ status: 422 })
    expect((await t.runtime.db.select().from(oidcProviders))[0].name).toBe('Team IdP')
    expect(await patch('no-such', { name: 'x' }, admin.token)).toMatchObject({ status: 404 })

    const removed = await answerOf(
      callRoute(providerRoute.DELETE, '/api/v1/admin/oidc-providers/team-idp', {
        method: 'DELETE',
        token: admin.token,
        params: { slug: 'team-idp' },
      }),
    )
    expect(removed.status).toBe(204)
    expect(
      await t.runtime.db
        .select()
        .from(registry)
        .where(eq(registry.name, `oidc.client_secret.${row.id}`)),
    ).toHaveLength(0)
    const events = await providerEvents()
    expect(events.map((event) => event.action)).toEqual([
      'oidc.provider.create',
      'oidc.provider.update',
      'oidc.provider.delete',
    ])
    expect(events[1].meta).toMatchObject({ enabled: false, client_secret: 'changed', reviewed: true })
    expect(JSON.stringify(events.map((event) => event.meta))).not.toContain('rotated-secret')
    const gone = await answerOf(
      callRoute(providerRoute.GET, '/api/v1/admin/oidc-providers/team-idp', {
        token: admin.token,
        params: { slug: 'team-idp' },
      }),
    )
    expect(gone.status).toBe(404)
  })

  it('offers enabled providers to the sign-in page, routes an e-mail by its domain, and warns about open ones', async () => {
    const admin = await instance()
    const item = async () => (await securityChecklist(t.runtime)).find((check) => check.id === 'sso_domains')
    expect(await item()).toMatchObject({ status: 'pass' })
    await create({ ...good(), slug: 'corp', name: 'Corp', allowed_domains: ['corp.example'] }, admin.token)
    await create({ ...good(), slug: 'anyone', name: 'Anyone' }, admin.token)
    await create({ ...good(), slug: 'off', name: 'Off', allowed_domains: ['off.example'], enabled: false }, admin.token)
    const listed = await answerOf(callRoute(signInProvidersRoute.GET, '/api/v1/auth/sso/providers'))
    expect(listed).toEqual({
      status: 200,
      items: [
        { slug: 'anyone', name: 'Anyone' },
        { slug: 'corp', name: 'Corp' },
      ],
    })
    // A provider waiting for review signs nobody in, so no page offers it.
    await t.runtime.db.update(oidcProviders).set({ needsReview: true }).where(eq(oidcProviders.slug, 'anyone'))
    expect((await answerOf(callRoute(signInProvidersRoute.GET, '/api/v1/auth/sso/providers'))).items).toEqual([
      { slug: 'corp', name: 'Corp' },
    ])

    const discover = (body: unknown) => answerOf(callRoute(discoverRoute.POST, '/api/v1/auth/sso/discover', { body }))
    expect(await discover({ email: 'Ada@CORP.example' })).toEqual({ status: 200, slug: 'corp' })
    expect(await discover({ email: 'ada@off.example' })).toMatchObject({ status: 404, code: 'not_found' })
    expect(await discover({ email: 'ada@elsewhere.example' })).toMatchObject({ status: 404 })
    expect(await discover({ email: 'not-an-address' })).toMatchObject({ status: 422 })
    expect(await discover({})).toMatchObject({ status: 422 })

    expect(await item()).toMatchObject({ status: 'warn' })
    expect((await item())?.detail).toContain('anyone allow any e-mail domain')
  })
})
