import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { auditLog, memberships, organizations } from '@/db/schema'
import { needsSetup } from '@/lib/setup/needs-setup'
import { TEST_PASSWORD } from '@/lib/testing/fixtures'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { createInstanceAdmin } from './create-instance-admin'

describe('admin create (on the server, without signing in)', () => {
  let t: TestRuntime
  beforeEach(async () => {
    t = await createTestRuntime()
  })
  afterEach(() => t.cleanup())

  const create = (email: string, password = TEST_PASSWORD) =>
    createInstanceAdmin(t.runtime, { email, name: 'Ops', password })

  it('makes the first admin of a fresh instance its owner, which ends setup', async () => {
    expect(await needsSetup(t.runtime.db)).toBe(true)
    const { user, first } = await create('Ops@Example.com')
    expect(first).toBe(true)
    expect(user).toMatchObject({ email: 'ops@example.com', isAdmin: true })
    expect(await needsSetup(t.runtime.db)).toBe(false)
    const [org] = await t.runtime.db.select().from(organizations).where(eq(organizations.slug, 'default'))
    expect(await t.runtime.db.select().from(memberships).where(eq(memberships.userId, user.id))).toEqual([
      expect.objectContaining({ orgId: org.id, role: 'owner' }),
    ])
  })

  it('adds a further admin as a member of default, audited as the system, and refuses what is wrong', async () => {
    await create('first@example.com')
    const { user, first } = await create('second@example.com')
    expect(first).toBe(false)
    expect(user).toMatchObject({ isAdmin: true })
    const [created] = await t.runtime.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, user.id))
      .orderBy(auditLog.seq)
      .limit(1)
    expect(created).toMatchObject({ action: 'user.create', actorType: 'system', ip: null })
    await expect(create('second@example.com')).rejects.toMatchObject({ code: 'email_taken' })
    await expect(create('third@example.com', 'short')).rejects.toMatchObject({ code: 'validation_failed' })
  })
})
