/**
 * Attack: an organization whose slug is another organization's id. `{org}`, a file's org and a key's
 * org were resolved "by slug or id" with no order, so the attacker's own org answered for the
 * victim's id: the attacker's token downloaded the victim's files, revoked the victim's API keys,
 * and a victim added to the attacker's org wrote secrets into it while naming their own org by id.
 * Slugs can no longer look like ids, and an id-shaped reference names an org by id only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as apiKeyRoute from '@/app/api/v1/api-keys/[id]/route'
import * as apiKeysRoute from '@/app/api/v1/api-keys/route'
import * as fileStreamRoute from '@/app/api/v1/files/[id]/stream/route'
import * as filesRoute from '@/app/api/v1/orgs/[org]/files/route'
import * as orgRoute from '@/app/api/v1/orgs/[org]/route'
import * as secretRoute from '@/app/api/v1/orgs/[org]/secrets/[name]/route'
import * as orgsRoute from '@/app/api/v1/orgs/route'
import { answerOf, callRoute } from '@/lib/testing/http'
import { seedOrg, seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'

describe('organization references', () => {
  let t: TestRuntime
  beforeAll(async () => {
    t = await createTestRuntime()
  })
  afterAll(() => t.cleanup())

  async function victimWithFileAndKey() {
    const victim = await seedUserWithToken(t.runtime)
    const org = await seedOrg(t.runtime, victim.user.id)
    const form = new FormData()
    form.set('file', new Blob(['payroll']), 'payroll.csv')
    const file = await answerOf(
      callRoute(filesRoute.POST, '/api/v1/orgs/x/files', {
        token: victim.token,
        params: { org: org.slug },
        body: form,
      }),
    )
    const key = await answerOf(
      callRoute(apiKeysRoute.POST, '/api/v1/api-keys', {
        token: victim.token,
        body: { name: 'deploy', org_id: org.id, scopes: ['secret:read'] },
      }),
    )
    expect([file.status, key.status]).toEqual([201, 201])
    return { victim, org, fileId: file.id as string, keyId: key.id as string }
  }

  it('refuses a slug shaped like an id, so no org can stand in for another', async () => {
    const { org, fileId, keyId } = await victimWithFileAndKey()
    const attacker = await seedUserWithToken(t.runtime)
    for (const slug of [org.id, org.id.toUpperCase(), crypto.randomUUID()]) {
      const created = await answerOf(
        callRoute(orgsRoute.POST, '/api/v1/orgs', { token: attacker.token, body: { name: 'Lookalike', slug } }),
      )
      expect(created).toMatchObject({ status: 422, code: 'validation_failed', errors: [{ path: 'slug' }] })
    }
    // Derived from a name, a slug never takes an id's shape either.
    const derived = await answerOf(
      callRoute(orgsRoute.POST, '/api/v1/orgs', { token: attacker.token, body: { name: org.id } }),
    )
    expect(derived.status).toBe(201)
    expect(derived.slug).not.toBe(org.id)
    expect(derived.slug).not.toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)

    const stream = await answerOf(
      callRoute(fileStreamRoute.GET, `/api/v1/files/${fileId}/stream`, {
        token: attacker.token,
        params: { id: fileId },
      }),
    )
    expect(stream).toMatchObject({ status: 404, code: 'not_found' })
    const revoke = await answerOf(
      callRoute(apiKeyRoute.DELETE, `/api/v1/api-keys/${keyId}`, {
        method: 'DELETE',
        token: attacker.token,
        params: { id: keyId },
      }),
    )
    expect(revoke).toMatchObject({ status: 404, code: 'not_found' })
  })

  it('names an org by id only when the reference has the shape of an id', async () => {
    const { victim, org } = await victimWithFileAndKey()
    const byId = await answerOf(
      callRoute(orgRoute.GET, '/api/v1/orgs/x', { token: victim.token, params: { org: org.id } }),
    )
    expect(byId).toMatchObject({ status: 200, id: org.id })
    const upper = await answerOf(
      callRoute(orgRoute.GET, '/api/v1/orgs/x', { token: victim.token, params: { org: org.id.toUpperCase() } }),
    )
    expect(upper).toMatchObject({ status: 200, id: org.id })
    const bySlug = await answerOf(
      callRoute(orgRoute.GET, '/api/v1/orgs/x', { token: victim.token, params: { org: org.slug } }),
    )
    expect(bySlug).toMatchObject({ status: 200, id: org.id })
    const put = await answerOf(
      callRoute(secretRoute.PUT, '/api/v1/orgs/x/secrets/DB_URL', {
        method: 'PUT',
        token: victim.token,
        params: { org: org.id, name: 'DB_URL' },
        body: { value: 'postgres://victim' },
      }),
    )
    expect(put).toMatchObject({ status: 201, name: 'DB_URL' })
    const stranger = crypto.randomUUID()
    expect(
      await answerOf(callRoute(orgRoute.GET, '/api/v1/orgs/x', { token: victim.token, params: { org: stranger } })),
    ).toMatchObject({ status: 404, code: 'not_found' })
  })
})
