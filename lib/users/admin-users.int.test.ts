/**
 * Instance administration: only admins manage users; disabling ends every session and token at
 * once; the instance always keeps an enabled admin and every organization an owner.
 */
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as userRoute from '@/app/api/v1/admin/users/[id]/route'
import * as usersRoute from '@/app/api/v1/admin/users/route'
import { GET as meGET } from '@/app/api/v1/me/route'
import { auditLog, memberships, organizations } from '@/db/schema'
import { rotateRefreshToken } from '@/lib/auth/refresh-tokens'
import { issueTokensForPassword, signInWithPassword } from '@/lib/auth/sign-in'
import { verifySession } from '@/lib/sessions/verify-session'
import { TEST_META, TEST_PASSWORD } from '@/lib/testing/fixtures'
import { callRoute } from '@/lib/testing/http'
import { seedOrg, seedSetUpInstance, seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'

describe('admin users API', () => {
  let t: TestRuntime
  let admin: Awaited<ReturnType<typeof seedUserWithToken>>
  beforeAll(async () => {
    t = await createTestRuntime({ DEFAULT_USER_ROLE: 'viewer' })
    admin = await seedSetUpInstance(t.runtime)
  })
  afterAll(() => t.cleanup())

  const create = (body: Record<string, unknown>, token = admin.token) =>
    callRoute(usersRoute.POST, '/admin/users', { token, body })

  it('is closed to users who are not instance admins', async () => {
    const { user, token } = await seedUserWithToken(t.runtime)
    for (const response of [
      await callRoute(usersRoute.GET, '/admin/users', { token }),
      await create({ email: 'x@example.com', name: 'X', password: TEST_PASSWORD }, token),
      await callRoute(userRoute.PATCH, '/u', {
        method: 'PATCH',
        token,
        params: { id: user.id },
        body: { is_admin: true },
      }),
      await callRoute(userRoute.DELETE, '/u', { method: 'DELETE', token, params: { id: admin.user.id } }),
    ]) {
      expect(response.status).toBe(403)
      expect((await response.json()).code).toBe('forbidden')
    }
  })

  it('creates accounts in `default` with DEFAULT_USER_ROLE, within the password policy', async () => {
    const response = await create({ email: 'Casey@Example.com', name: 'Casey', password: TEST_PASSWORD })
    expect(response.status).toBe(201)
    const created = await response.json()
    expect(created).toMatchObject({
      email: 'casey@example.com',
      name: 'Casey',
      is_admin: false,
      disabled: false,
      mfa_enabled: false,
      last_login_at: null,
    })
    const [defaultOrg] = await t.runtime.db.select().from(organizations).where(eq(organizations.slug, 'default'))
    const [membership] = await t.runtime.db.select().from(memberships).where(eq(memberships.userId, created.id))
    expect(membership).toMatchObject({ orgId: defaultOrg.id, role: 'viewer' })
    const weak = await create({ email: 'weak@example.com', name: 'Weak', password: 'password' })
    expect(weak.status).toBe(422)
    expect((await weak.json()).errors.every((e: { path: string }) => e.path === 'password')).toBe(true)
    expect((await create({ email: 'casey@example.com', name: 'Again', password: TEST_PASSWORD })).status).toBe(409)
  })

  it('searches and pages', async () => {
    for (const name of ['Searchable One', 'Searchable Two', 'Searchable Three']) {
      await create({ email: `${name.toLowerCase().replace(' ', '.')}@example.com`, name, password: TEST_PASSWORD })
    }
    const first = await (
      await callRoute(usersRoute.GET, '/admin/users?q=searchable&limit=2', { token: admin.token })
    ).json()
    expect(first.items.map((u: { name: string }) => u.name)).toEqual(['Searchable One', 'Searchable Three'])
    const second = await (
      await callRoute(usersRoute.GET, `/admin/users?q=searchable&limit=2&cursor=${first.next_cursor}`, {
        token: admin.token,
      })
    ).json()
    expect(second).toEqual({ items: [expect.objectContaining({ name: 'Searchable Two' })], next_cursor: null })
    expect((await callRoute(usersRoute.GET, '/admin/users?limit=500', { token: admin.token })).status).toBe(422)
    expect(
      (await (await callRoute(usersRoute.GET, '/admin/users?q=%25', { token: admin.token })).json()).items,
    ).toEqual([])
  })

  it('disabling ends sessions, access and refresh tokens at once, and enabling lets the user back', async () => {
    const { user, token } = await seedUserWithToken(t.runtime)
    const session = await signInWithPassword(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: TEST_META })
    const pair = await issueTokensForPassword(t.runtime, {
      email: user.email,
      password: TEST_PASSWORD,
      meta: TEST_META,
    })
    const disabled = await callRoute(userRoute.PATCH, '/u', {
      method: 'PATCH',
      token: admin.token,
      params: { id: user.id },
      body: { disabled: true },
    })
    expect(await disabled.json()).toMatchObject({ disabled: true })
    expect(await verifySession(t.runtime.db, session.token)).toBeNull()
    expect((await callRoute(meGET, '/me', { token })).status).toBe(401)
    expect((await callRoute(meGET, '/me', { token: pair.access_token })).status).toBe(401)
    await expect(
      rotateRefreshToken(t.runtime.db, { token: pair.refresh_token, ttlSeconds: 60, meta: TEST_META }),
    ).rejects.toMatchObject({ code: 'invalid_token' })
    await expect(
      signInWithPassword(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: TEST_META }),
    ).rejects.toMatchObject({ code: 'account_disabled' })
    const [audit] = await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'user.disable'))
    expect(audit).toMatchObject({
      actorId: admin.user.id,
      targetId: user.id,
      meta: { revoked_sessions: 1, revoked_tokens: 1 },
    })

    await callRoute(userRoute.PATCH, '/u', {
      method: 'PATCH',
      token: admin.token,
      params: { id: user.id },
      body: { disabled: false },
    })
    await signInWithPassword(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: TEST_META })
  })

  it('keeps an enabled admin and refuses to disable, demote or delete oneself', async () => {
    for (const body of [{ disabled: true }, { is_admin: false }]) {
      const response = await callRoute(userRoute.PATCH, '/u', {
        method: 'PATCH',
        token: admin.token,
        params: { id: admin.user.id },
        body,
      })
      expect(response.status).toBe(409)
    }
    expect(
      (await callRoute(userRoute.DELETE, '/u', { method: 'DELETE', token: admin.token, params: { id: admin.user.id } }))
        .status,
    ).toBe(409)
    const second = await seedUserWithToken(t.runtime)
    const promoted = await callRoute(userRoute.PATCH, '/u', {
      method: 'PATCH',
      token: admin.token,
      params: { id: second.user.id },
      body: { is_admin: true, name: 'Second Admin' },
    })
    expect(await promoted.json()).toMatchObject({ is_admin: true, name: 'Second Admin' })
    expect(
      (
        await callRoute(userRoute.PATCH, '/u', {
          method: 'PATCH',
          token: second.token,
          params: { id: admin.user.id },
          body: { is_admin: false },
        })
      ).status,
    ).toBe(200)
    expect(
      (
        await callRoute(userRoute.PATCH, '/u', {
          method: 'PATCH',
          token: admin.token,
          params: { id: admin.user.id },
          body: { is_admin: true },
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await callRoute(userRoute.PATCH, '/u', {
          method: 'PATCH',
          token: second.token,
          params: { id: admin.user.id },
          body: { is_admin: true },
        })
      ).status,
    ).toBe(200)
  })

  it('deletes users, but not the last owner of an organization', async () => {
    const lonely = await seedUserWithToken(t.runtime)
    await seedOrg(t.runtime, lonely.user.id)
    const refused = await callRoute(userRoute.DELETE, '/u', {
      method: 'DELETE',
      token: admin.token,
      params: { id: lonely.user.id },
    })
    expect(refused.status).toBe(409)
    expect((await refused.json()).code).toBe('last_owner')
    const plain = await seedUserWithToken(t.runtime)
    expect(
      (await callRoute(userRoute.DELETE, '/u', { method: 'DELETE', token: admin.token, params: { id: plain.user.id } }))
        .status,
    ).toBe(204)
    expect(
      (await callRoute(userRoute.DELETE, '/u', { method: 'DELETE', token: admin.token, params: { id: plain.user.id } }))
        .status,
    ).toBe(404)
    expect((await callRoute(meGET, '/me', { token: plain.token })).status).toBe(401)
    const [audit] = await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'user.delete'))
    expect(audit).toMatchObject({ targetId: plain.user.id, meta: { email: plain.user.email } })
  })
})
