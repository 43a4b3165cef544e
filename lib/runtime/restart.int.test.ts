/** A restart (or a second instance on the same database and master key) keeps every credential valid. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { authenticateRequest } from '@/lib/auth/authenticate-request'
import { rotateRefreshToken } from '@/lib/auth/refresh-tokens'
import { issueTokensForPassword, signInWithPassword } from '@/lib/auth/sign-in'
import { verifySession } from '@/lib/sessions/verify-session'
import { seedUser, TEST_META, TEST_PASSWORD } from '@/lib/testing/fixtures'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'

describe('restart', () => {
  let t: TestRuntime
  beforeEach(async () => {
    t = await createTestRuntime({}, { persistent: true })
  })
  afterEach(() => t.cleanup())

  it('keeps sessions, access tokens and refresh tokens valid and the keys the same', async () => {
    const user = await seedUser(t.runtime)
    const session = await signInWithPassword(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: TEST_META })
    const pair = await issueTokensForPassword(t.runtime, {
      email: user.email,
      password: TEST_PASSWORD,
      meta: TEST_META,
    })
    const before = { kid: t.runtime.signingKeys.kid, authSecret: t.runtime.authSecret }

    const runtime = await t.restart()
    expect(runtime.signingKeys.kid).toBe(before.kid)
    expect(runtime.authSecret).toBe(before.authSecret)
    expect(await verifySession(runtime.db, session.token)).toMatchObject({ user: { id: user.id } })
    expect(
      await authenticateRequest(runtime, { authorization: `Bearer ${pair.access_token}`, cookie: () => undefined }),
    ).toMatchObject({ user: { id: user.id } })
    expect(
      (await rotateRefreshToken(runtime.db, { token: pair.refresh_token, ttlSeconds: 60, meta: TEST_META })).userId,
    ).toBe(user.id)
  })

  it('refuses to start with another master key and leaves the data readable with the right one', async () => {
    const user = await seedUser(t.runtime)
    const session = await signInWithPassword(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: TEST_META })
    const otherKey = Buffer.alloc(32, 7).toString('base64')
    await expect(t.restart({ GATEHOUSE_MASTER_KEY: otherKey })).rejects.toThrow(
      'is not the one this database was set up with',
    )
    const runtime = await t.restart()
    expect(await verifySession(runtime.db, session.token)).not.toBeNull()
  })
})
