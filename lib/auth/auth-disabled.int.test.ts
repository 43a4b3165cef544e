/**
 * AUTH_ENABLED=false, local development only. Every request without a credential acts as the
 * built-in development administrator, and says so in a header. The attacks it must still stop come
 * from the developer's own browser: another site's page posting to the loopback port (CSRF), and a
 * site that rebinds its own name to 127.0.0.1 to read the answers (DNS rebinding, caught by Host).
 */
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import * as meRoute from '@/app/api/v1/me/route'
import * as orgsRoute from '@/app/api/v1/orgs/route'
import { organizations, users } from '@/db/schema'
import { answerOf, callRoute } from '@/lib/testing/http'
import { seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { DEVELOPMENT_ADMIN_EMAIL } from './development-admin'

describe('AUTH_ENABLED=false', () => {
  let t: TestRuntime
  afterEach(() => t.cleanup())

  const me = (headers: Record<string, string> = {}) => callRoute(meRoute.GET, '/api/v1/me', { headers })

  it('lets a request without a credential act as the development administrator, and marks every answer', async () => {
    t = await createTestRuntime({ AUTH_ENABLED: 'false' })
    const response = await me()
    expect(response.headers.get('x-gatehouse-auth')).toBe('disabled')
    const body = await answerOf(response)
    expect(body).toMatchObject({ status: 200, email: DEVELOPMENT_ADMIN_EMAIL, is_admin: true })
    // A fresh instance needs no setup: the development administrator owns `default`.
    const [owned] = await t.runtime.db.select().from(organizations).where(eq(organizations.slug, 'default'))
    expect(body.primary_org_id).toBe(owned.id)
    expect(body.orgs).toEqual([expect.objectContaining({ slug: 'default', role: 'owner' })])

    // A credential that is sent is still verified: a bad one is refused, a good one is that user.
    expect(await answerOf(me({ authorization: 'Bearer not-a-token' }))).toMatchObject({ status: 401 })
    const someone = await seedUserWithToken(t.runtime)
    expect(await answerOf(me({ authorization: `Bearer ${someone.token}` }))).toMatchObject({
      status: 200,
      email: someone.user.email,
    })
    // Problems carry the header too.
    expect((await me({ authorization: 'Bearer not-a-token' })).headers.get('x-gatehouse-auth')).toBe('disabled')

    // Booting again creates no second administrator and no second org.
    await t.restart()
    const admins = await t.runtime.db.select().from(users).where(eq(users.email, DEVELOPMENT_ADMIN_EMAIL))
    expect(admins).toHaveLength(1)
    expect(admins[0].passwordHash).toBeNull()
  })

  it('refuses a page on another site that posts to the loopback port (no CSRF token, foreign Origin)', async () => {
    t = await createTestRuntime({ AUTH_ENABLED: 'false' })
    const forged = await answerOf(
      callRoute(orgsRoute.POST, '/api/v1/orgs', {
        body: { name: 'Planted' },
        headers: { origin: 'https://evil.example' },
      }),
    )
    expect(forged).toMatchObject({ status: 403, code: 'csrf_failed' })
    const noToken = await answerOf(
      callRoute(orgsRoute.POST, '/api/v1/orgs', {
        body: { name: 'Planted' },
        headers: { origin: 'http://localhost:3000' },
      }),
    )
    expect(noToken).toMatchObject({ status: 403, code: 'csrf_failed' })
    const planted = await t.runtime.db.select().from(organizations).where(eq(organizations.name, 'Planted'))
    expect(planted).toHaveLength(0)
  })

  it('answers only requests for its own name, so a rebound name cannot read it', async () => {
    t = await createTestRuntime({ AUTH_ENABLED: 'false' })
    const rebound = await answerOf(me({ host: 'evil.example:3000' }))
    expect(rebound).toMatchObject({ status: 403, code: 'forbidden' })
    expect(rebound.detail).toContain('AUTH_ENABLED=false')
    expect(rebound.email).toBeUndefined()
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000'])
      expect((await answerOf(me({ host }))).status, host).toBe(200)
  })

  it('does nothing of the kind while authentication is on', async () => {
    t = await createTestRuntime()
    const response = await me()
    expect(response.status).toBe(401)
    expect(response.headers.get('x-gatehouse-auth')).toBeNull()
    expect(await t.runtime.db.select().from(users).where(eq(users.email, DEVELOPMENT_ADMIN_EMAIL))).toHaveLength(0)
  })
})
