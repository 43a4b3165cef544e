/**
 * Attacks from inside an organization: an admin making themselves owner (directly or through a
 * custom role they mint), an owner locking everyone out, and edits to the built-in roles.
 */
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PUT as primaryPUT } from '@/app/api/v1/me/primary-org/route'
import { GET as meGET } from '@/app/api/v1/me/route'
import * as memberRoute from '@/app/api/v1/orgs/[org]/members/[user_id]/route'
import * as membersRoute from '@/app/api/v1/orgs/[org]/members/route'
import * as roleRoute from '@/app/api/v1/orgs/[org]/roles/[role_id]/route'
import * as rolesRoute from '@/app/api/v1/orgs/[org]/roles/route'
import * as orgRoute from '@/app/api/v1/orgs/[org]/route'
import { GET as orgsGET, POST as orgsPOST } from '@/app/api/v1/orgs/route'
import { auditLog } from '@/db/schema'
import { callRoute } from '@/lib/testing/http'
import { seedCustomRole, seedOrg, seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'

describe('organization rules', () => {
  let t: TestRuntime
  beforeAll(async () => {
    t = await createTestRuntime()
  })
  afterAll(() => t.cleanup())

  async function team() {
    const owner = await seedUserWithToken(t.runtime)
    const admin = await seedUserWithToken(t.runtime)
    const member = await seedUserWithToken(t.runtime)
    const org = await seedOrg(t.runtime, owner.user.id, [
      { userId: admin.user.id, role: 'admin' },
      { userId: member.user.id, role: 'member' },
    ])
    return { owner, admin, member, org, p: (extra: Record<string, string> = {}) => ({ org: org.slug, ...extra }) }
  }
  const status = async (response: Promise<Response>) => {
    const r = await response
    return { status: r.status, code: r.status >= 400 ? (await r.json()).code : undefined }
  }

  it('keeps the last owner: no leaving, no demotion, until another owner exists', async () => {
    const { owner, admin, p } = await team()
    expect(
      await status(
        callRoute(memberRoute.DELETE, '/m', {
          method: 'DELETE',
          token: owner.token,
          params: p({ user_id: owner.user.id }),
        }),
      ),
    ).toEqual({ status: 409, code: 'last_owner' })
    expect(
      await status(
        callRoute(memberRoute.PATCH, '/m', {
          method: 'PATCH',
          token: owner.token,
          params: p({ user_id: owner.user.id }),
          body: { role: 'admin' },
        }),
      ),
    ).toEqual({ status: 409, code: 'last_owner' })
    expect(
      (
        await callRoute(memberRoute.PATCH, '/m', {
          method: 'PATCH',
          token: owner.token,
          params: p({ user_id: admin.user.id }),
          body: { role: 'owner' },
        })
      ).status,
    ).toBe(200)
    expect(
      (
        await callRoute(memberRoute.DELETE, '/m', {
          method: 'DELETE',
          token: owner.token,
          params: p({ user_id: owner.user.id }),
        })
      ).status,
    ).toBe(204)
  })

  it('lets only an owner grant owner or touch an owner', async () => {
    const { owner, admin, member, p } = await team()
    expect(
      await status(
        callRoute(memberRoute.PATCH, '/m', {
          method: 'PATCH',
          token: admin.token,
          params: p({ user_id: member.user.id }),
          body: { role: 'owner' },
        }),
      ),
    ).toEqual({ status: 403, code: 'forbidden' })
    expect(
      await status(
        callRoute(memberRoute.PATCH, '/m', {
          method: 'PATCH',
          token: admin.token,
          params: p({ user_id: admin.user.id }),
          body: { role: 'owner' },
        }),
      ),
    ).toEqual({ status: 403, code: 'forbidden' })
    expect(
      await status(
        callRoute(memberRoute.PATCH, '/m', {
          method: 'PATCH',
          token: admin.token,
          params: p({ user_id: owner.user.id }),
          body: { role: 'viewer' },
        }),
      ),
    ).toEqual({ status: 403, code: 'forbidden' })
    expect(
      await status(
        callRoute(memberRoute.DELETE, '/m', {
          method: 'DELETE',
          token: admin.token,
          params: p({ user_id: owner.user.id }),
        }),
      ),
    ).toEqual({ status: 403, code: 'forbidden' })
    const newcomer = await seedUserWithToken(t.runtime)
    expect(
      await status(
        callRoute(membersRoute.POST, '/m', {
          token: admin.token,
          params: p(),
          body: { email: newcomer.user.email, role: 'owner' },
        }),
      ),
    ).toEqual({ status: 403, code: 'forbidden' })
  })

  it('stops an admin minting or using a custom role beyond their own permissions', async () => {
    const { admin, member, org, p } = await team()
    expect(
      await status(
        callRoute(rolesRoute.POST, '/r', {
          token: admin.token,
          params: p(),
          body: { name: 'Takeover', permissions: ['org:admin'] },
        }),
      ),
    ).toEqual({ status: 403, code: 'forbidden' })
    const takeover = await seedCustomRole(t.runtime, org.id, 'Takeover', ['org:admin', 'org:read'])
    expect(
      await status(
        callRoute(memberRoute.PATCH, '/m', {
          method: 'PATCH',
          token: admin.token,
          params: p({ user_id: member.user.id }),
          body: { role: 'Takeover' },
        }),
      ),
    ).toEqual({ status: 403, code: 'forbidden' })
    expect(
      await status(
        callRoute(roleRoute.PATCH, '/r', {
          method: 'PATCH',
          token: admin.token,
          params: p({ role_id: takeover.id }),
          body: { name: 'Harmless' },
        }),
      ),
    ).toEqual({ status: 403, code: 'forbidden' })
  })

  it('gives a custom role exactly its permissions', async () => {
    const { owner, member, org, p } = await team()
    const created = await callRoute(rolesRoute.POST, '/r', {
      token: owner.token,
      params: p(),
      body: { name: 'Directory', permissions: ['member:read', 'member:read'] },
    })
    expect(created.status).toBe(201)
    expect(await created.json()).toMatchObject({ name: 'Directory', permissions: ['member:read'], builtin: false })
    expect(
      (
        await callRoute(memberRoute.PATCH, '/m', {
          method: 'PATCH',
          token: owner.token,
          params: p({ user_id: member.user.id }),
          body: { role: 'Directory' },
        })
      ).status,
    ).toBe(200)
    expect((await callRoute(membersRoute.GET, '/m', { token: member.token, params: p() })).status).toBe(200)
    expect(await status(callRoute(orgRoute.GET, '/o', { token: member.token, params: p() }))).toEqual({
      status: 403,
      code: 'forbidden',
    })
    const me = await (await callRoute(meGET, '/me', { token: member.token })).json()
    expect(me.orgs).toContainEqual({ id: org.id, slug: org.slug, name: org.name, role: 'Directory' })
  })

  it('refuses to change built-in roles and to delete a role in use', async () => {
    const { owner, member, org, p } = await team()
    expect(
      await status(
        callRoute(roleRoute.PATCH, '/r', {
          method: 'PATCH',
          token: owner.token,
          params: p({ role_id: 'owner' }),
          body: { name: 'Boss' },
        }),
      ),
    ).toEqual({ status: 409, code: 'builtin_role' })
    expect(
      await status(
        callRoute(roleRoute.DELETE, '/r', { method: 'DELETE', token: owner.token, params: p({ role_id: 'viewer' }) }),
      ),
    ).toEqual({ status: 409, code: 'builtin_role' })
    expect(
      await status(
        callRoute(rolesRoute.POST, '/r', { token: owner.token, params: p(), body: { name: 'Owner', permissions: [] } }),
      ),
    ).toEqual({ status: 422, code: 'validation_failed' })
    const role = await seedCustomRole(t.runtime, org.id, 'Support', ['org:read'])
    expect(
      await status(
        callRoute(rolesRoute.POST, '/r', {
          token: owner.token,
          params: p(),
          body: { name: 'Support', permissions: [] },
        }),
      ),
    ).toEqual({ status: 409, code: 'conflict' })
    await callRoute(memberRoute.PATCH, '/m', {
      method: 'PATCH',
      token: owner.token,
      params: p({ user_id: member.user.id }),
      body: { role: 'Support' },
    })
    expect(
      await status(
        callRoute(roleRoute.DELETE, '/r', { method: 'DELETE', token: owner.token, params: p({ role_id: role.id }) }),
      ),
    ).toEqual({ status: 409, code: 'conflict' })
    await callRoute(memberRoute.PATCH, '/m', {
      method: 'PATCH',
      token: owner.token,
      params: p({ user_id: member.user.id }),
      body: { role: 'member' },
    })
    expect(
      (
        await callRoute(roleRoute.DELETE, '/r', {
          method: 'DELETE',
          token: owner.token,
          params: p({ role_id: role.id }),
        })
      ).status,
    ).toBe(204)
    const roles = await (await callRoute(rolesRoute.GET, '/r', { token: owner.token, params: p() })).json()
    expect(roles.items.map((r: { id: string }) => r.id)).toEqual(['owner', 'admin', 'member', 'viewer'])
  })

  it('adds only existing users, once, and lets a member leave', async () => {
    const { owner, member, p } = await team()
    expect(
      await status(
        callRoute(membersRoute.POST, '/m', {
          token: owner.token,
          params: p(),
          body: { email: 'ghost@example.com', role: 'viewer' },
        }),
      ),
    ).toEqual({ status: 422, code: 'validation_failed' })
    expect(
      await status(
        callRoute(membersRoute.POST, '/m', {
          token: owner.token,
          params: p(),
          body: { email: member.user.email, role: 'viewer' },
        }),
      ),
    ).toEqual({ status: 409, code: 'conflict' })
    expect(
      await status(
        callRoute(membersRoute.POST, '/m', {
          token: owner.token,
          params: p(),
          body: { email: member.user.email, role: 'no-such-role' },
        }),
      ),
    ).toEqual({ status: 422, code: 'validation_failed' })
    expect(
      (
        await callRoute(memberRoute.DELETE, '/m', {
          method: 'DELETE',
          token: member.token,
          params: p({ user_id: member.user.id }),
        })
      ).status,
    ).toBe(204)
    expect(await status(callRoute(orgRoute.GET, '/o', { token: member.token, params: p() }))).toEqual({
      status: 404,
      code: 'not_found',
    })
  })

  it('creates organizations with derived slugs, lists them with roles, and sets the primary one', async () => {
    const { user, token } = await seedUserWithToken(t.runtime)
    const first = await (await callRoute(orgsPOST, '/orgs', { token, body: { name: 'Acme Corp' } })).json()
    const second = await (await callRoute(orgsPOST, '/orgs', { token, body: { name: 'Acme Corp.' } })).json()
    expect(first.slug).toBe('acme-corp')
    expect(second.slug).toBe('acme-corp-2')
    expect(await status(callRoute(orgsPOST, '/orgs', { token, body: { name: 'X', slug: 'acme-corp' } }))).toEqual({
      status: 409,
      code: 'conflict',
    })
    expect(await status(callRoute(orgsPOST, '/orgs', { token, body: { name: 'X', slug: 'Not A Slug!' } }))).toEqual({
      status: 422,
      code: 'validation_failed',
    })
    const list = await (await callRoute(orgsGET, '/orgs?limit=1', { token })).json()
    expect(list.items).toEqual([{ id: first.id, slug: 'acme-corp', name: 'Acme Corp', role: 'owner' }])
    const next = await (await callRoute(orgsGET, `/orgs?limit=1&cursor=${list.next_cursor}`, { token })).json()
    expect(next).toEqual({ items: [expect.objectContaining({ id: second.id })], next_cursor: null })
    expect(await status(callRoute(orgsGET, '/orgs?cursor=%%%', { token }))).toEqual({
      status: 422,
      code: 'validation_failed',
    })
    expect((await (await callRoute(meGET, '/me', { token })).json()).primary_org_id).toBe(first.id)
    expect((await callRoute(primaryPUT, '/p', { method: 'PUT', token, body: { org_id: second.id } })).status).toBe(200)
    const stranger = await seedUserWithToken(t.runtime)
    expect(
      await status(callRoute(primaryPUT, '/p', { method: 'PUT', token: stranger.token, body: { org_id: second.id } })),
    ).toEqual({ status: 404, code: 'not_found' })
    expect(user.id).toBeTruthy()
  })

  it('audits member changes with actor, target, org and address', async () => {
    const { owner, member, org, p } = await team()
    await callRoute(memberRoute.PATCH, '/m', {
      method: 'PATCH',
      token: owner.token,
      params: p({ user_id: member.user.id }),
      body: { role: 'viewer' },
    })
    const [row] = await t.runtime.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'member.update'), eq(auditLog.orgId, org.id)))
    expect(row).toMatchObject({
      actorId: owner.user.id,
      targetId: member.user.id,
      ip: '198.51.100.20',
      meta: { role: { from: 'member', to: 'viewer' } },
    })
  })
})
