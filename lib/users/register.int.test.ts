/**
 * Self-service registration: the account joins no organization; weak and
 * common passwords, taken e-mails, a closed instance, an unclaimed instance and a flood from one
 * address are all refused.
 */
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import * as registerRoute from '@/app/api/v1/auth/register/route'
import * as secretsRoute from '@/app/api/v1/orgs/[org]/secrets/route'
import * as orgsRoute from '@/app/api/v1/orgs/route'
import { auditLog, memberships, users } from '@/db/schema'
import { NO_REQUEST, SYSTEM_ACTOR } from '@/lib/audit/types'
import { issueTokensForPassword } from '@/lib/auth/sign-in'
import { createOrg } from '@/lib/orgs/create-org'
import { TEST_META, TEST_PASSWORD } from '@/lib/testing/fixtures'
import { callRoute } from '@/lib/testing/http'
import { seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'

describe('registration', () => {
  let t: TestRuntime
  afterEach(() => t.cleanup())

  /** An instance that has been set up: an admin owning `default`. */
  async function setUpInstance(overrides: Record<string, string> = {}) {
    t = await createTestRuntime(overrides)
    const admin = await seedUserWithToken(t.runtime, { isAdmin: true })
    await t.runtime.db.transaction((tx) =>
      createOrg(tx, {
        name: 'default',
        slug: 'default',
        ownerId: admin.user.id,
        actor: SYSTEM_ACTOR,
        meta: NO_REQUEST,
      }),
    )
  }
  const register = (body: Record<string, unknown>) => callRoute(registerRoute.POST, '/api/v1/auth/register', { body })
  const problem = async (response: Response) => ({ status: response.status, ...(await response.json()) })

  /*
   * Attack: a stranger signs up and reads the first admin's data. Self-registered accounts joined
   * `default` as member, which reads every secret and file there; now they join no organization.
   */
  it('creates an account in no organization that can sign in and create its own', async () => {
    await setUpInstance({ DEFAULT_USER_ROLE: 'viewer' })
    const response = await register({ email: 'Grace@Example.com', name: 'Grace Hopper', password: TEST_PASSWORD })
    expect(response.status).toBe(201)
    const { user } = await response.json()
    expect(user).toEqual({ id: expect.any(String), email: 'grace@example.com', name: 'Grace Hopper' })
    expect(await t.runtime.db.select().from(memberships).where(eq(memberships.userId, user.id))).toEqual([])
    const [row] = await t.runtime.db.select().from(users).where(eq(users.id, user.id))
    expect(row).toMatchObject({ isAdmin: false, primaryOrgId: null })
    expect(row.passwordHash).toMatch(/^\$argon2id\$/)
    const [audit] = await t.runtime.db.select().from(auditLog).where(eq(auditLog.targetId, user.id))
    expect(audit).toMatchObject({ action: 'user.create', actorType: 'user', actorId: user.id })
    const { access_token: token } = await issueTokensForPassword(t.runtime, {
      email: 'grace@example.com',
      password: TEST_PASSWORD,
      meta: TEST_META,
    })
    const inDefault = await callRoute(secretsRoute.GET, '/s', { token, params: { org: 'default' } })
    expect(inDefault.status).toBe(404)
    const own = await callRoute(orgsRoute.POST, '/api/v1/orgs', { token, body: { name: 'Grace Labs' } })
    expect(own.status).toBe(201)
    const [after] = await t.runtime.db.select().from(users).where(eq(users.id, user.id))
    expect(after.primaryOrgId).toBe((await own.json()).id)
  })

  it('names every broken password rule, common passwords and the e-mail name included', async () => {
    await setUpInstance()
    const common = await problem(await register({ email: 'a@example.com', name: 'A', password: 'Password1234!' }))
    expect(common).toMatchObject({
      status: 422,
      code: 'validation_failed',
      errors: [{ path: 'password', message: 'Do not use a common password.' }],
    })
    const weak = await problem(await register({ email: 'quorvex@example.com', name: 'Q', password: 'quorvex' }))
    expect(weak.errors.map((e: { message: string }) => e.message)).toEqual([
      'Use at least 12 characters.',
      'Include an uppercase letter.',
      'Include a symbol, such as ! or #.',
      'Do not include the name part of your e-mail address.',
    ])
    const missing = await problem(await register({ email: 'not-an-email', password: TEST_PASSWORD }))
    expect(missing.status).toBe(422)
    expect(missing.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'name'])
    expect(await t.runtime.db.select().from(users).where(eq(users.email, 'a@example.com'))).toEqual([])
  })

  it('refuses an e-mail that is taken, whatever its case', async () => {
    await setUpInstance()
    expect((await register({ email: 'sam@example.com', name: 'Sam', password: TEST_PASSWORD })).status).toBe(201)
    expect(
      await problem(await register({ email: 'SAM@example.com', name: 'Sam again', password: TEST_PASSWORD })),
    ).toMatchObject({ status: 409, code: 'email_taken' })
  })

  it('is refused when registration is off, and before the instance is set up', async () => {
    await setUpInstance({ ENABLE_REGISTRATION: 'false' })
    expect(await problem(await register({ email: 'x@example.com', name: 'X', password: TEST_PASSWORD }))).toMatchObject(
      { status: 403, code: 'registration_disabled' },
    )
    await t.cleanup()
    t = await createTestRuntime()
    expect(
      await problem(await register({ email: 'first@example.com', name: 'First', password: TEST_PASSWORD })),
    ).toMatchObject({ status: 403, code: 'registration_disabled' })
    expect(await t.runtime.db.select().from(users)).toEqual([])
  })

  it('limits sign-ups from one address to RATE_LIMIT_AUTH a minute', async () => {
    await setUpInstance({ RATE_LIMIT_AUTH: '2' })
    for (const n of [1, 2])
      expect((await register({ email: `u${n}@example.com`, name: 'U', password: TEST_PASSWORD })).status).toBe(201)
    const refused = await register({ email: 'u3@example.com', name: 'U', password: TEST_PASSWORD })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})
