/**
 * Attacks on guest mode: an anonymous caller reaches a file of an org that never opted in (by its
 * id, or while naming a guest org), writes anything, or tells orgs apart by their answers; an
 * admin or a member opens the org to the public; an owner does it while the instance forbids it;
 * a signed-in outsider uses the guest role as a step to the org's secrets or members; an API key
 * of another org becomes a guest.
 */
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as apiKeysRoute from '@/app/api/v1/api-keys/route'
import * as streamRoute from '@/app/api/v1/files/[id]/stream/route'
import * as fileLinkRoute from '@/app/api/v1/orgs/[org]/files/[id]/link/route'
import * as fileRoute from '@/app/api/v1/orgs/[org]/files/[id]/route'
import * as filesRoute from '@/app/api/v1/orgs/[org]/files/route'
import * as membersRoute from '@/app/api/v1/orgs/[org]/members/route'
import * as orgRoute from '@/app/api/v1/orgs/[org]/route'
import * as secretsRoute from '@/app/api/v1/orgs/[org]/secrets/route'
import { auditLog, organizations } from '@/db/schema'
import { answerOf, callRoute } from '@/lib/testing/http'
import { seedOrg, seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'

const form = (content: string, name: string) => {
  const body = new FormData()
  body.set('file', new Blob([content]), name)
  return body
}

describe('guest mode', () => {
  let t: TestRuntime
  beforeAll(async () => {
    t = await createTestRuntime({ ALLOW_GUEST_MODE: 'true' })
  })
  afterAll(() => t.cleanup())

  /** Org A open to guests (the column set directly: the tests below are about reading it), org B closed; a file in each. */
  async function twoOrgs() {
    const owner = await seedUserWithToken(t.runtime)
    const admin = await seedUserWithToken(t.runtime)
    const member = await seedUserWithToken(t.runtime)
    const a = await seedOrg(t.runtime, owner.user.id, [
      { userId: admin.user.id, role: 'admin' },
      { userId: member.user.id, role: 'member' },
    ])
    const b = await seedOrg(t.runtime, owner.user.id)
    await t.runtime.db.update(organizations).set({ guestAccess: true }).where(eq(organizations.id, a.id))
    const upload = (org: { slug: string }, content: string) =>
      answerOf(
        callRoute(filesRoute.POST, '/files', {
          token: owner.token,
          params: { org: org.slug },
          body: form(content, 'f.txt'),
        }),
      )
    const fileA = await upload(a, 'public handbook')
    const fileB = await upload(b, 'private payroll')
    return { owner, admin, member, a, b, fileA: fileA.id as string, fileB: fileB.id as string }
  }

  const stream = (id: string, options: { token?: string; query?: string; headers?: Record<string, string> } = {}) =>
    callRoute(streamRoute.GET, `/api/v1/files/${id}/stream${options.query ?? ''}`, {
      token: options.token,
      headers: options.headers,
      params: { id },
    })

  it('lets an owner open an org to guests (audited); anonymous callers then read it, list its files and download them', async () => {
    const owner = await seedUserWithToken(t.runtime)
    const a = await seedOrg(t.runtime, owner.user.id)
    const opened = await answerOf(
      callRoute(orgRoute.PATCH, '/orgs/a', {
        method: 'PATCH',
        token: owner.token,
        params: { org: a.slug },
        body: { guest_access: true },
      }),
    )
    expect(opened).toMatchObject({ status: 200, guest_access: true })
    const uploaded = await answerOf(
      callRoute(filesRoute.POST, '/files', {
        token: owner.token,
        params: { org: a.slug },
        body: form('public handbook', 'f.txt'),
      }),
    )
    const fileA = uploaded.id as string
    expect(await answerOf(callRoute(orgRoute.GET, '/orgs/a', { params: { org: a.slug } }))).toMatchObject({
      status: 200,
      id: a.id,
      guest_access: true,
    })
    const list = await answerOf(callRoute(filesRoute.GET, '/files', { params: { org: a.id } }))
    expect(list.status).toBe(200)
    expect(list.items.map((file: { id: string }) => file.id)).toEqual([fileA])
    // Guests do not learn who uploaded a file (an e-mail address of a member).
    expect(list.items[0]).not.toHaveProperty('created_by')
    const download = await stream(fileA)
    expect(download.status).toBe(200)
    expect(await download.text()).toBe('public handbook')
    const [audit] = await t.runtime.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'org.update'), eq(auditLog.orgId, a.id)))
    expect(audit).toMatchObject({ actorId: owner.user.id, meta: { guest_access: { from: false, to: true } } })
    // Members see the switch too.
    const seen = await answerOf(callRoute(orgRoute.GET, '/orgs/a', { token: owner.token, params: { org: a.slug } }))
    expect(seen).toMatchObject({ status: 200, guest_access: true })
  })

  it('never gives an anonymous caller a file of an org that did not opt in, even while naming a guest org', async () => {
    const { a, b, fileB } = await twoOrgs()
    const missing = await stream(crypto.randomUUID())
    expect(missing.status).toBe(401)
    const byId = await stream(fileB)
    expect(byId.status).toBe(401)
    // A missing file and a closed org's file answer alike: no oracle for ids.
    expect(await byId.json()).toEqual(await missing.json())
    for (const attempt of [
      stream(fileB, { query: `?org=${a.slug}` }),
      stream(fileB, { query: `?org_id=${a.id}`, headers: { 'x-org': a.slug } }),
      callRoute(streamRoute.GET, '/stream', { params: { id: fileB, org: a.slug } }),
      callRoute(fileLinkRoute.POST, '/link', { method: 'POST', params: { org: a.slug, id: fileB } }),
    ]) {
      const response = await attempt
      expect(response.status).toBe(401)
      expect(await response.text()).not.toContain('private payroll')
    }
    const listed = await answerOf(callRoute(filesRoute.GET, '/files', { params: { org: a.slug } }))
    expect(listed.items.map((file: { id: string }) => file.id)).not.toContain(fileB)
    expect((await callRoute(filesRoute.GET, '/files', { params: { org: b.slug } })).status).toBe(401)
  })

  it('lets nothing anonymous write to a guest org', async () => {
    const { a, fileA } = await twoOrgs()
    const attempts = [
      callRoute(orgRoute.PATCH, '/o', { method: 'PATCH', params: { org: a.slug }, body: { name: 'Pwned' } }),
      callRoute(orgRoute.PATCH, '/o', { method: 'PATCH', params: { org: a.slug }, body: { guest_access: false } }),
      callRoute(orgRoute.DELETE, '/o', { method: 'DELETE', params: { org: a.slug } }),
      callRoute(filesRoute.POST, '/f', { params: { org: a.slug }, body: form('malware', 'evil.exe') }),
      callRoute(fileRoute.DELETE, '/f', { method: 'DELETE', params: { org: a.slug, id: fileA } }),
      callRoute(fileLinkRoute.POST, '/l', { method: 'POST', params: { org: a.slug, id: fileA } }),
    ]
    for (const response of await Promise.all(attempts)) expect(response.status).toBe(401)
    const [row] = await t.runtime.db.select().from(organizations).where(eq(organizations.id, a.id))
    expect(row).toMatchObject({ name: a.name, guestAccess: true })
    expect((await stream(fileA)).status).toBe(200)
  })

  it('lets only an owner switch guest access: an admin or a member gets 403', async () => {
    const { a, admin, member } = await twoOrgs()
    for (const caller of [admin, member]) {
      for (const value of [true, false]) {
        const refused = await answerOf(
          callRoute(orgRoute.PATCH, '/o', {
            method: 'PATCH',
            token: caller.token,
            params: { org: a.slug },
            body: { name: 'Renamed', guest_access: value },
          }),
        )
        expect(refused).toMatchObject({ status: 403, code: 'forbidden' })
      }
    }
    const [row] = await t.runtime.db.select().from(organizations).where(eq(organizations.id, a.id))
    expect(row).toMatchObject({ name: a.name, guestAccess: true })
    // The admin's own permission (org:write) still renames.
    const renamed = await answerOf(
      callRoute(orgRoute.PATCH, '/o', {
        method: 'PATCH',
        token: admin.token,
        params: { org: a.slug },
        body: { name: 'X' },
      }),
    )
    expect(renamed).toMatchObject({ status: 200, name: 'X', guest_access: true })
  })

  it('does not name which orgs exist to an anonymous caller, by id or by slug', async () => {
    const { a, b } = await twoOrgs()
    for (const ref of [a.slug, a.id, a.id.toUpperCase()]) {
      expect(await answerOf(callRoute(orgRoute.GET, '/o', { params: { org: ref } }))).toMatchObject({
        status: 200,
        id: a.id,
      })
    }
    const answers = await Promise.all(
      [b.slug, b.id, b.id.toUpperCase(), crypto.randomUUID(), 'no-such-org', `${a.slug}-x`, a.slug.toUpperCase()].map(
        async (ref) => {
          const response = await callRoute(orgRoute.GET, '/o', { params: { org: ref } })
          return { status: response.status, body: await response.json() }
        },
      ),
    )
    for (const answer of answers) expect(answer).toEqual(answers[0])
    expect(answers[0].status).toBe(401)
  })

  it('treats a signed-in outsider as a guest: reads only, and the rest of the org stays a foreign org (404)', async () => {
    const { a, fileA, fileB } = await twoOrgs()
    const outsider = await seedUserWithToken(t.runtime)
    const token = outsider.token
    expect(await answerOf(callRoute(orgRoute.GET, '/o', { token, params: { org: a.slug } }))).toMatchObject({
      status: 200,
      id: a.id,
    })
    expect((await callRoute(filesRoute.GET, '/f', { token, params: { org: a.slug } })).status).toBe(200)
    expect((await stream(fileA, { token })).status).toBe(200)
    expect((await stream(fileB, { token })).status).toBe(404)
    for (const attempt of [
      callRoute(secretsRoute.GET, '/s', { token, params: { org: a.slug } }),
      callRoute(membersRoute.GET, '/m', { token, params: { org: a.slug } }),
      callRoute(orgRoute.PATCH, '/o', { method: 'PATCH', token, params: { org: a.slug }, body: { name: 'Mine' } }),
      callRoute(orgRoute.DELETE, '/o', { method: 'DELETE', token, params: { org: a.slug } }),
      callRoute(filesRoute.POST, '/f', { token, params: { org: a.slug }, body: form('x', 'x.txt') }),
      callRoute(fileRoute.DELETE, '/f', { method: 'DELETE', token, params: { org: a.slug, id: fileA } }),
      callRoute(fileLinkRoute.POST, '/l', { method: 'POST', token, params: { org: a.slug, id: fileA } }),
    ]) {
      expect(await answerOf(attempt)).toMatchObject({ status: 404, code: 'not_found' })
    }
  })

  it('keeps an API key to its own org: it is no guest elsewhere', async () => {
    const { a, fileA } = await twoOrgs()
    const other = await seedUserWithToken(t.runtime)
    const otherOrg = await seedOrg(t.runtime, other.user.id)
    const key = await answerOf(
      callRoute(apiKeysRoute.POST, '/api/v1/api-keys', {
        token: other.token,
        body: { name: 'ci', org_id: otherOrg.id, scopes: ['org:read', 'file:read'] },
      }),
    )
    expect(key.status).toBe(201)
    const headers = { 'x-api-key': key.key as string }
    expect((await callRoute(orgRoute.GET, '/o', { headers, params: { org: a.slug } })).status).toBe(404)
    expect((await callRoute(filesRoute.GET, '/f', { headers, params: { org: a.slug } })).status).toBe(404)
    expect((await stream(fileA, { headers })).status).toBe(404)
  })

  it('serves guests of an org that requires two-factor sign-in (they have no account), while its members still need one', async () => {
    const { a, member, fileA } = await twoOrgs()
    await t.runtime.db.update(organizations).set({ requireMfa: true }).where(eq(organizations.id, a.id))
    const outsider = await seedUserWithToken(t.runtime)
    expect((await callRoute(filesRoute.GET, '/f', { params: { org: a.slug } })).status).toBe(200)
    expect((await stream(fileA)).status).toBe(200)
    expect((await callRoute(filesRoute.GET, '/f', { token: outsider.token, params: { org: a.slug } })).status).toBe(200)
    expect(
      await answerOf(callRoute(filesRoute.GET, '/f', { token: member.token, params: { org: a.slug } })),
    ).toMatchObject({ status: 403, code: 'mfa_enrollment_required' })
  })

  describe('with ALLOW_GUEST_MODE off', () => {
    beforeAll(async () => {
      await t.restart({ ALLOW_GUEST_MODE: 'false' })
    })
    afterAll(async () => {
      await t.restart({ ALLOW_GUEST_MODE: 'true' })
    })

    it('grants nothing for guest_access stored on, and refuses to turn it on (409); turning it off works', async () => {
      const owner = await seedUserWithToken(t.runtime)
      const outsider = await seedUserWithToken(t.runtime)
      const org = await seedOrg(t.runtime, owner.user.id)
      await t.runtime.db.update(organizations).set({ guestAccess: true }).where(eq(organizations.id, org.id))
      const file = await answerOf(
        callRoute(filesRoute.POST, '/f', { token: owner.token, params: { org: org.slug }, body: form('x', 'x.txt') }),
      )
      expect((await callRoute(orgRoute.GET, '/o', { params: { org: org.slug } })).status).toBe(401)
      expect((await callRoute(filesRoute.GET, '/f', { params: { org: org.slug } })).status).toBe(401)
      expect((await stream(file.id)).status).toBe(401)
      expect((await callRoute(filesRoute.GET, '/f', { token: outsider.token, params: { org: org.slug } })).status).toBe(
        404,
      )
      const patch = (value: boolean) =>
        answerOf(
          callRoute(orgRoute.PATCH, '/o', {
            method: 'PATCH',
            token: owner.token,
            params: { org: org.slug },
            body: { guest_access: value },
          }),
        )
      const refused = await patch(true)
      expect(refused).toMatchObject({ status: 409, code: 'conflict' })
      expect(refused.detail).toContain('ALLOW_GUEST_MODE')
      expect(await patch(false)).toMatchObject({ status: 200, guest_access: false })
      expect(await patch(true)).toMatchObject({ status: 409 })
    })
  })
})
