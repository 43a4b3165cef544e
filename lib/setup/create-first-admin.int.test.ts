/**
 * Attack: a stranger who reaches a fresh instance first tries to claim it. Only the holder of the
 * setup token from the server log may, exactly once.
 */
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { auditLog, memberships, organizations, registry, users } from '@/db/schema'
import { verifyAuditChain } from '@/lib/audit/verify-audit-chain'
import { TEST_META, TEST_PASSWORD } from '@/lib/testing/fixtures'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { announceSetup } from './announce-setup'
import { createFirstAdmin } from './create-first-admin'
import { ensureSetupToken } from './setup-token'

describe('first admin', () => {
  let t: TestRuntime
  beforeEach(async () => {
    t = await createTestRuntime()
  })
  afterEach(() => t.cleanup())

  const claim = (setupToken: string | undefined, email = 'Ada@Example.com') =>
    createFirstAdmin({ runtime: t.runtime, email, name: 'Ada', password: TEST_PASSWORD, setupToken, meta: TEST_META })

  it('refuses a missing or wrong setup token with 403 and creates nothing', async () => {
    await ensureSetupToken(t.runtime.db, t.runtime.masterKey)
    await expect(claim(undefined)).rejects.toMatchObject({ code: 'forbidden', status: 403 })
    await expect(claim('not-the-token')).rejects.toMatchObject({ code: 'forbidden' })
    expect(await t.runtime.db.select().from(users)).toHaveLength(0)
  })

  it('creates the admin, the default org it owns, and audits both in one chain', async () => {
    const token = await ensureSetupToken(t.runtime.db, t.runtime.masterKey)
    const admin = await claim(token)
    expect(admin).toMatchObject({ email: 'ada@example.com', isAdmin: true })
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/)
    const [org] = await t.runtime.db.select().from(organizations)
    expect(org).toMatchObject({ slug: 'default', name: 'default' })
    expect(await t.runtime.db.select().from(memberships)).toEqual([
      expect.objectContaining({ orgId: org.id, userId: admin.id, role: 'owner' }),
    ])
    const [stored] = await t.runtime.db.select().from(users).where(eq(users.id, admin.id))
    expect(stored.primaryOrgId).toBe(org.id)
    const actions = (await t.runtime.db.select().from(auditLog).orderBy(auditLog.seq)).map((row) => [
      row.action,
      row.ip,
    ])
    expect(actions).toEqual([
      ['user.create', TEST_META.ip],
      ['org.create', TEST_META.ip],
      ['setup.complete', TEST_META.ip],
    ])
    expect((await verifyAuditChain(t.runtime.db)).ok).toBe(true)
    expect(await t.runtime.db.select().from(registry).where(eq(registry.name, 'setup.token'))).toHaveLength(0)
  })

  it('answers 409 already_set_up to a second claim, even with the old token', async () => {
    const token = await ensureSetupToken(t.runtime.db, t.runtime.masterKey)
    await claim(token)
    await expect(claim(token, 'mallory@example.com')).rejects.toMatchObject({ code: 'already_set_up', status: 409 })
  })

  it('lets exactly one of two simultaneous claims win', async () => {
    const token = await ensureSetupToken(t.runtime.db, t.runtime.masterKey)
    const results = await Promise.allSettled([claim(token, 'a@example.com'), claim(token, 'b@example.com')])
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1)
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: { code: 'already_set_up' } })
    expect(await t.runtime.db.select().from(users)).toHaveLength(1)
  })

  it('refuses a password that breaks the policy, naming each rule', async () => {
    const token = await ensureSetupToken(t.runtime.db, t.runtime.masterKey)
    await expect(
      createFirstAdmin({
        runtime: t.runtime,
        email: 'ada@example.com',
        name: 'Ada',
        password: 'weak',
        setupToken: token,
        meta: TEST_META,
      }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      errors: [{ path: 'password' }, { path: 'password' }, { path: 'password' }],
    })
  })

  it('prints a setup URL with the token, the same one after a restart, and no default password', async () => {
    const lines: string[] = []
    const log = { ...t.runtime.log, warn: (_obj: object, message: string) => lines.push(message), info: () => {} }
    await announceSetup({ ...t.runtime, log } as never)
    await announceSetup({ ...t.runtime, log } as never)
    expect(lines).toHaveLength(2)
    const token = await ensureSetupToken(t.runtime.db, t.runtime.masterKey)
    expect(lines[0]).toContain(`/setup#token=${token}`)
    expect(lines[1]).toBe(lines[0])
    expect(await t.runtime.db.select().from(users)).toHaveLength(0)
  })

  it('creates the admin headlessly from GATEHOUSE_ADMIN_EMAIL and GATEHOUSE_ADMIN_PASSWORD', async () => {
    const runtime = await t.restart({
      GATEHOUSE_ADMIN_EMAIL: 'root@example.com',
      GATEHOUSE_ADMIN_PASSWORD: TEST_PASSWORD,
    })
    await announceSetup(runtime)
    const [admin] = await runtime.db.select().from(users)
    expect(admin).toMatchObject({ email: 'root@example.com', isAdmin: true })
    await announceSetup(runtime)
    expect(await runtime.db.select().from(users)).toHaveLength(1)
  })

  it('stops the start with a message naming GATEHOUSE_ADMIN_PASSWORD when it breaks the policy', async () => {
    const runtime = await t.restart({
      GATEHOUSE_ADMIN_EMAIL: 'root@example.com',
      GATEHOUSE_ADMIN_PASSWORD: 'alllowercase-but-long',
    })
    await expect(announceSetup(runtime)).rejects.toThrow('GATEHOUSE_ADMIN_PASSWORD: does not meet the password policy')
  })
})
