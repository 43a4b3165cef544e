/**
 * Attacks with API keys: a key minted beyond its creator's rights, a key kept after its creator
 * lost them, a key used on another org, a revoked, expired or mistyped key, and a key used to mint
 * more keys or act as an admin.
 */
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as usersRoute from '@/app/api/v1/admin/users/route'
import * as keyRoute from '@/app/api/v1/api-keys/[id]/route'
import * as revokeAllRoute from '@/app/api/v1/api-keys/revoke-all/route'
import * as keysRoute from '@/app/api/v1/api-keys/route'
import { GET as meGET } from '@/app/api/v1/me/route'
import * as memberRoute from '@/app/api/v1/orgs/[org]/members/[user_id]/route'
import * as membersRoute from '@/app/api/v1/orgs/[org]/members/route'
import * as orgRoute from '@/app/api/v1/orgs/[org]/route'
import { apiKeys, auditLog, organizations } from '@/db/schema'
import { callRoute } from '@/lib/testing/http'
import { seedOrg, seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'

const INTERNAL_TOKEN = 'internal-service-token-0123456789abcdef'

describe('API keys and the internal token', () => {
  let t: TestRuntime
  beforeAll(async () => {
    t = await createTestRuntime({ GATEHOUSE_INTERNAL_TOKEN: INTERNAL_TOKEN })
  })
  afterAll(() => t.cleanup())

  async function team() {
    const owner = await seedUserWithToken(t.runtime)
    const admin = await seedUserWithToken(t.runtime)
    const viewer = await seedUserWithToken(t.runtime)
    const org = await seedOrg(t.runtime, owner.user.id, [
      { userId: admin.user.id, role: 'admin' },
      { userId: viewer.user.id, role: 'viewer' },
    ])
    return { owner, admin, viewer, org }
  }
  const mint = async (token: string, body: Record<string, unknown>) =>
    callRoute(keysRoute.POST, '/api-keys', { token, body })
  const codeOf = async (response: Response) => ({
    status: response.status,
    code: response.status >= 400 ? (await response.json()).code : undefined,
  })

  it('shows the key once, stores only its hash, and lists it without the key', async () => {
    const { admin, org } = await team()
    const response = await mint(admin.token, { name: 'CI', org_id: org.id, scopes: ['member:read', 'org:read'] })
    expect(response.status).toBe(201)
    const created = await response.json()
    expect(created.key).toMatch(/^gk_[0-9A-Za-z]{49}$/)
    expect(created).toMatchObject({
      name: 'CI',
      org_id: org.id,
      scopes: ['member:read', 'org:read'],
      prefix: created.key.slice(0, 11),
      expires_at: null,
      last_used_at: null,
    })
    const [row] = await t.runtime.db.select().from(apiKeys).where(eq(apiKeys.id, created.id))
    expect(JSON.stringify(row)).not.toContain(created.key)
    const list = await (await callRoute(keysRoute.GET, '/api-keys', { token: admin.token })).json()
    expect(list.items).toEqual([expect.objectContaining({ id: created.id, prefix: created.prefix })])
    expect(list.items[0]).not.toHaveProperty('key')
    const [audit] = await t.runtime.db.select().from(auditLog).where(eq(auditLog.targetId, created.id))
    expect(audit).toMatchObject({ action: 'apikey.create', actorId: admin.user.id, orgId: org.id })
  })

  it('refuses scopes beyond the creator, creators without apikey:write, and other orgs', async () => {
    const { admin, viewer, org } = await team()
    const member = await seedUserWithToken(t.runtime)
    const { org: other } = await team()
    await t.runtime.db.transaction(async (tx) =>
      tx
        .insert((await import('@/db/schema')).memberships)
        .values({ orgId: org.id, userId: member.user.id, role: 'member' }),
    )
    expect(await codeOf(await mint(member.token, { name: 'x', org_id: org.id, scopes: ['member:write'] }))).toEqual({
      status: 403,
      code: 'scope_not_allowed',
    })
    expect(await codeOf(await mint(admin.token, { name: 'x', org_id: org.id, scopes: ['org:admin'] }))).toEqual({
      status: 403,
      code: 'scope_not_allowed',
    })
    expect(await codeOf(await mint(viewer.token, { name: 'x', org_id: org.id, scopes: ['org:read'] }))).toEqual({
      status: 403,
      code: 'forbidden',
    })
    expect(await codeOf(await mint(admin.token, { name: 'x', org_id: other.id, scopes: ['org:read'] }))).toEqual({
      status: 404,
      code: 'not_found',
    })
    expect(await codeOf(await mint(admin.token, { name: 'x', org_id: org.id, scopes: [] }))).toEqual({
      status: 422,
      code: 'validation_failed',
    })
    expect(
      await codeOf(
        await mint(admin.token, {
          name: 'x',
          org_id: org.id,
          scopes: ['org:read'],
          expires_at: '2001-01-01T00:00:00Z',
        }),
      ),
    ).toEqual({ status: 422, code: 'validation_failed' })
  })

  it('works as Bearer and as X-API-Key, within its scopes and its org only', async () => {
    const { admin, org } = await team()
    const { org: other } = await team()
    const { key, id } = await (
      await mint(admin.token, { name: 'reader', org_id: org.slug, scopes: ['member:read'] })
    ).json()
    expect((await callRoute(membersRoute.GET, '/m', { token: key, params: { org: org.slug } })).status).toBe(200)
    expect(
      (await callRoute(membersRoute.GET, '/m', { headers: { 'x-api-key': key }, params: { org: org.id } })).status,
    ).toBe(200)
    expect(await codeOf(await callRoute(orgRoute.GET, '/o', { token: key, params: { org: org.slug } }))).toEqual({
      status: 403,
      code: 'forbidden',
    })
    expect(await codeOf(await callRoute(membersRoute.GET, '/m', { token: key, params: { org: other.slug } }))).toEqual({
      status: 404,
      code: 'not_found',
    })
    const me = await (await callRoute(meGET, '/me', { token: key })).json()
    expect(me).toMatchObject({ id: admin.user.id, auth: { type: 'api_key', key_id: id, scopes: ['member:read'] } })
    // The creator's other organizations stay out of the key's sight, while their token sees both.
    const own = await seedOrg(t.runtime, admin.user.id)
    expect((await (await callRoute(meGET, '/me', { token: key })).json()).orgs).toEqual([
      { id: org.id, slug: org.slug, name: org.name, role: 'admin' },
    ])
    expect(
      (await (await callRoute(meGET, '/me', { token: admin.token })).json()).orgs
        .map((o: { id: string }) => o.id)
        .sort(),
    ).toEqual([org.id, own.id].sort())
    const [row] = await t.runtime.db.select().from(apiKeys).where(eq(apiKeys.id, id))
    expect(row.lastUsedAt).toBeInstanceOf(Date)
  })

  it('re-checks scopes against the creator’s current role at every use', async () => {
    const { owner, admin, viewer, org } = await team()
    // Enough to hand out viewer (org:read, member:read, file:read) through member:write.
    const { key } = await (
      await mint(admin.token, {
        name: 'writer',
        org_id: org.id,
        scopes: ['member:write', 'member:read', 'org:read', 'file:read'],
      })
    ).json()
    const addViewer = () =>
      callRoute(memberRoute.PATCH, '/m', {
        method: 'PATCH',
        token: key,
        params: { org: org.slug, user_id: viewer.user.id },
        body: { role: 'viewer' },
      })
    expect((await addViewer()).status).toBe(200)
    await callRoute(memberRoute.PATCH, '/m', {
      method: 'PATCH',
      token: owner.token,
      params: { org: org.slug, user_id: admin.user.id },
      body: { role: 'viewer' },
    })
    expect(await codeOf(await addViewer())).toEqual({ status: 403, code: 'forbidden' })
    expect((await callRoute(membersRoute.GET, '/m', { token: key, params: { org: org.slug } })).status).toBe(200)
    await callRoute(memberRoute.DELETE, '/m', {
      method: 'DELETE',
      token: owner.token,
      params: { org: org.slug, user_id: admin.user.id },
    })
    expect(await codeOf(await callRoute(membersRoute.GET, '/m', { token: key, params: { org: org.slug } }))).toEqual({
      status: 401,
      code: 'invalid_token',
    })
  })

  it('stops working when revoked, revoked in bulk, or expired; a typo is refused too', async () => {
    const { admin, org } = await team()
    const keys = await Promise.all(
      [1, 2, 3].map(async (n) =>
        (await mint(admin.token, { name: `k${n}`, org_id: org.id, scopes: ['org:read'] })).json(),
      ),
    )
    const use = (key: string) => callRoute(orgRoute.GET, '/o', { token: key, params: { org: org.slug } })
    expect(
      (await callRoute(keyRoute.DELETE, '/k', { method: 'DELETE', token: admin.token, params: { id: keys[0].id } }))
        .status,
    ).toBe(204)
    expect(await codeOf(await use(keys[0].key))).toEqual({ status: 401, code: 'invalid_token' })
    expect(
      (await callRoute(keyRoute.DELETE, '/k', { method: 'DELETE', token: admin.token, params: { id: keys[0].id } }))
        .status,
    ).toBe(404)
    await t.runtime.db
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiKeys.id, keys[1].id))
    expect(await codeOf(await use(keys[1].key))).toEqual({ status: 401, code: 'token_expired' })
    const typo = `${keys[2].key.slice(0, -1)}${keys[2].key.endsWith('a') ? 'b' : 'a'}`
    expect(await codeOf(await use(typo))).toEqual({ status: 401, code: 'invalid_token' })
    expect(await (await callRoute(revokeAllRoute.POST, '/r', { token: admin.token })).json()).toEqual({ revoked: 2 })
    expect(await codeOf(await use(keys[2].key))).toEqual({ status: 401, code: 'invalid_token' })
  })

  it('cannot mint keys, manage users or be used by someone outside the org to revoke', async () => {
    const { owner, admin, org } = await team()
    const { key, id } = await (
      await mint(owner.token, { name: 'all', org_id: org.id, scopes: ['apikey:write', 'apikey:read', 'org:read'] })
    ).json()
    expect(await codeOf(await mint(key, { name: 'child', org_id: org.id, scopes: ['org:read'] }))).toEqual({
      status: 403,
      code: 'forbidden',
    })
    expect(await codeOf(await callRoute(usersRoute.GET, '/admin/users', { token: key }))).toEqual({
      status: 403,
      code: 'forbidden',
    })
    const stranger = await seedUserWithToken(t.runtime)
    expect(
      (await callRoute(keyRoute.DELETE, '/k', { method: 'DELETE', token: stranger.token, params: { id } })).status,
    ).toBe(404)
    expect(
      (await callRoute(keyRoute.DELETE, '/k', { method: 'DELETE', token: admin.token, params: { id } })).status,
    ).toBe(204)
  })

  it('serves the internal token in every org with every permission, audited as internal', async () => {
    const { org } = await team()
    const outsider = await seedUserWithToken(t.runtime)
    const added = await callRoute(membersRoute.POST, '/m', {
      token: INTERNAL_TOKEN,
      params: { org: org.slug },
      body: { email: outsider.user.email, role: 'viewer' },
    })
    expect(added.status).toBe(201)
    const [audit] = await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'member.add'))
    expect(audit).toMatchObject({ actorType: 'internal', actorId: null, targetId: outsider.user.id })
    expect(
      await codeOf(await callRoute(orgRoute.GET, '/o', { token: `${INTERNAL_TOKEN}x`, params: { org: org.slug } })),
    ).toEqual({ status: 401, code: 'invalid_token' })
    expect(await codeOf(await callRoute(meGET, '/me', { token: INTERNAL_TOKEN }))).toEqual({
      status: 403,
      code: 'forbidden',
    })
  })

  /*
   * Attack: a read-only key "leaves" for its creator. DELETE members/{creator} with the creator's own
   * key used to count as the creator leaving, so any key could eject the person who made it.
   */
  it('never leaves for its creator: removing anyone needs member:write', async () => {
    const { owner, admin, org } = await team()
    const { key } = await (await mint(admin.token, { name: 'read', org_id: org.id, scopes: ['member:read'] })).json()
    const removeAdmin = (token: string) =>
      callRoute(memberRoute.DELETE, '/m', {
        method: 'DELETE',
        token,
        params: { org: org.slug, user_id: admin.user.id },
      })
    expect(await codeOf(await removeAdmin(key))).toEqual({ status: 403, code: 'forbidden' })
    const members = await (
      await callRoute(membersRoute.GET, '/m', { token: owner.token, params: { org: org.slug } })
    ).json()
    expect(members.items.map((m: { user_id: string }) => m.user_id)).toContain(admin.user.id)
    // The creator themselves still may leave.
    expect((await removeAdmin(admin.token)).status).toBe(204)
  })

  /*
   * Attack: a member without a second factor manages keys of an org that requires one. Every other
   * door into such an org answers 403 mfa_enrollment_required; key management did not.
   */
  it('applies require_mfa to creating, listing and revoking keys', async () => {
    const { admin, org } = await team()
    const { id } = await (await mint(admin.token, { name: 'before', org_id: org.id, scopes: ['org:read'] })).json()
    await t.runtime.db.update(organizations).set({ requireMfa: true }).where(eq(organizations.id, org.id))
    expect(await codeOf(await mint(admin.token, { name: 'after', org_id: org.id, scopes: ['org:read'] }))).toEqual({
      status: 403,
      code: 'mfa_enrollment_required',
    })
    const listed = await (await callRoute(keysRoute.GET, '/api-keys', { token: admin.token })).json()
    expect(listed.items).toEqual([])
    const byOrg = await callRoute(keysRoute.GET, `/api-keys?org_id=${org.id}`, { token: admin.token })
    expect(await codeOf(byOrg)).toEqual({ status: 403, code: 'mfa_enrollment_required' })
    const revoke = await callRoute(keyRoute.DELETE, '/k', { method: 'DELETE', token: admin.token, params: { id } })
    expect(await codeOf(revoke)).toEqual({ status: 403, code: 'mfa_enrollment_required' })
    const [row] = await t.runtime.db.select().from(apiKeys).where(eq(apiKeys.id, id))
    expect(row.revokedAt).toBeNull()
  })

  it('lists keys without their hashes', async () => {
    const { admin, org } = await team()
    await mint(admin.token, { name: 'listed', org_id: org.id, scopes: ['org:read'] })
    const { findVisibleApiKeys } = await import('./queries')
    const [listed] = await findVisibleApiKeys(t.runtime.db, { id: admin.user.id, mfaEnabled: false })
    expect(Object.keys(listed)).not.toContain('keyHash')
  })
})
