/**
 * Attack: another site makes a signed-in browser change something (CSRF) — a cross-site form post,
 * or a script's fetch without the token. Bearer credentials are not ambient and are exempt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as orgRoute from '@/app/api/v1/orgs/[org]/route'
import { signInWithPassword } from '@/lib/auth/sign-in'
import { TEST_META, TEST_PASSWORD } from '@/lib/testing/fixtures'
import { callRoute } from '@/lib/testing/http'
import { seedOrg, seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'

describe('CSRF on cookie-authenticated writes', () => {
  let t: TestRuntime
  let cookie: string
  let token: string
  let orgSlug: string
  beforeAll(async () => {
    t = await createTestRuntime()
    const owner = await seedUserWithToken(t.runtime)
    token = owner.token
    orgSlug = (await seedOrg(t.runtime, owner.user.id)).slug
    const session = await signInWithPassword(t.runtime, {
      email: owner.user.email,
      password: TEST_PASSWORD,
      meta: TEST_META,
    })
    cookie = `gatehouse.session=${session.token}; gatehouse-csrf=csrf-token-value`
  })
  afterAll(() => t.cleanup())

  const patch = (headers: Record<string, string>, body: unknown = { name: 'Renamed' }) =>
    callRoute(orgRoute.PATCH, '/o', { method: 'PATCH', params: { org: orgSlug }, headers, body })

  it('refuses a cross-site form post', async () => {
    const response = await patch(
      {
        cookie,
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
        'content-type': 'application/x-www-form-urlencoded',
      },
      undefined,
    )
    expect(response.status).toBe(403)
    expect((await response.json()).code).toBe('csrf_failed')
  })

  it('refuses a same-origin fetch without the X-CSRF-Token header, or with another value', async () => {
    const attempts: Record<string, string>[] = [
      { cookie, origin: 'http://localhost:3000' },
      { cookie, origin: 'http://localhost:3000', 'x-csrf-token': 'guessed' },
    ]
    for (const headers of attempts) {
      const response = await patch(headers)
      expect(response.status).toBe(403)
      expect((await response.json()).code).toBe('csrf_failed')
    }
  })

  it('accepts the same-origin request that echoes the cookie, and bearer requests without it', async () => {
    expect((await patch({ cookie, origin: 'http://localhost:3000', 'x-csrf-token': 'csrf-token-value' })).status).toBe(
      200,
    )
    expect(
      (
        await callRoute(orgRoute.PATCH, '/o', {
          method: 'PATCH',
          token,
          params: { org: orgSlug },
          body: { name: 'Again' },
        })
      ).status,
    ).toBe(200)
    expect((await callRoute(orgRoute.GET, '/o', { params: { org: orgSlug }, headers: { cookie } })).status).toBe(200)
  })
})
