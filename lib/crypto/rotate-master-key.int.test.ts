/**
 * Master-key rotation: with the new key current and the old one as _PREVIOUS, everything opens
 * throughout; a rotation killed between batches and run again finishes; afterwards the old key
 * can go. Secret values are sealed with org data keys and need no re-encryption.
 */
import { randomBytes } from 'node:crypto'
import { eq, ne } from 'drizzle-orm'
import { generate } from 'otplib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { auditLog, orgDataKeys, registry, totpCredentials } from '@/db/schema'
import { NO_REQUEST, SYSTEM_ACTOR } from '@/lib/audit/types'
import { enableTotp, startTotpSetup } from '@/lib/auth/mfa/totp-enrolment'
import type { Runtime } from '@/lib/runtime'
import { putSecret } from '@/lib/secrets/put-secret'
import { readSecret } from '@/lib/secrets/read-secret'
import { TEST_META, TEST_PASSWORD } from '@/lib/testing/fixtures'
import { seedOrg, seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { keyIdOf } from './aead'
import { rotateMasterKey } from './rotate-master-key'
import { openTotpSecret } from './totp-secret'

const key = () => randomBytes(32).toString('base64')

describe('master-key rotation', () => {
  let t: TestRuntime
  let oldKey: string
  const orgs: string[] = []
  let totpUser: string
  let totpSecret: string

  beforeEach(async () => {
    oldKey = key()
    t = await createTestRuntime({ GATEHOUSE_MASTER_KEY: oldKey }, { persistent: true })
    const { user } = await seedUserWithToken(t.runtime)
    orgs.length = 0
    for (let i = 0; i < 5; i += 1) {
      const org = await seedOrg(t.runtime, user.id)
      orgs.push(org.id)
      await putSecret(t.runtime.db, t.runtime.masterKey, {
        orgId: org.id,
        name: 'DATABASE_URL',
        value: `postgres://org-${i}`,
        actor: SYSTEM_ACTOR,
        meta: NO_REQUEST,
      })
    }
    totpUser = user.id
    totpSecret = (await startTotpSetup(t.runtime, user)).secret
    await enableTotp(t.runtime, {
      user,
      code: await generate({ secret: totpSecret }),
      password: TEST_PASSWORD,
      meta: TEST_META,
    })
  })
  afterEach(() => t.cleanup())

  async function everythingOpens(runtime: Runtime) {
    for (const [i, orgId] of orgs.entries()) {
      const secret = await readSecret(runtime.db, runtime.masterKey, {
        orgId,
        name: 'DATABASE_URL',
        actor: SYSTEM_ACTOR,
        meta: NO_REQUEST,
      })
      expect(secret.value).toBe(`postgres://org-${i}`)
    }
    const [credential] = await runtime.db.select().from(totpCredentials).where(eq(totpCredentials.userId, totpUser))
    expect(openTotpSecret(runtime.masterKey, credential)).toBe(totpSecret)
  }
  const sealedWith = async (runtime: Runtime, keyId: string) => ({
    registry: (await runtime.db.select().from(registry).where(eq(registry.keyId, keyId))).length,
    orgKeys: (await runtime.db.select().from(orgDataKeys).where(eq(orgDataKeys.keyId, keyId))).length,
    totp: (await runtime.db.select().from(totpCredentials).where(eq(totpCredentials.keyId, keyId))).length,
  })

  it('re-seals registry values, org data keys and TOTP secrets; killed midway, a rerun finishes', async () => {
    const newKey = key()
    // Without the old key the new one cannot open this database: the server refuses to start.
    await expect(t.restart({ GATEHOUSE_MASTER_KEY: newKey })).rejects.toThrow(
      /not the one this database was set up with/,
    )
    const runtime = await t.restart({ GATEHOUSE_MASTER_KEY: newKey, GATEHOUSE_MASTER_KEY_PREVIOUS: oldKey })
    await everythingOpens(runtime)
    const oldId = keyIdOf(Buffer.from(oldKey, 'base64'))
    const before = await sealedWith(runtime, oldId)
    expect(before.registry).toBeGreaterThanOrEqual(2) // the key check and the signing key at least
    expect(before).toMatchObject({ orgKeys: 5, totp: 1 })

    // The process dies after its second batch of two.
    let batches = 0
    const crash = new Error('killed')
    await expect(
      rotateMasterKey(runtime.db, runtime.masterKey, {
        batchSize: 2,
        onBatch: () => {
          if (++batches === 2) throw crash
        },
      }),
    ).rejects.toBe(crash)
    const midway = await sealedWith(runtime, oldId)
    expect(midway.registry + midway.orgKeys + midway.totp).toBeLessThan(before.registry + before.orgKeys + before.totp)
    expect(midway.registry + midway.orgKeys + midway.totp).toBeGreaterThan(0)
    await everythingOpens(runtime)
    // Meanwhile the server keeps writing: new values are sealed with the new key.
    await putSecret(runtime.db, runtime.masterKey, {
      orgId: orgs[0],
      name: 'WRITTEN_DURING_ROTATION',
      value: 'fresh',
      actor: SYSTEM_ACTOR,
      meta: NO_REQUEST,
    })

    const counts = await rotateMasterKey(runtime.db, runtime.masterKey, { batchSize: 2 })
    expect(counts.registry + counts.org_data_keys + counts.totp_credentials).toBe(
      midway.registry + midway.orgKeys + midway.totp,
    )
    expect(await sealedWith(runtime, oldId)).toEqual({ registry: 0, orgKeys: 0, totp: 0 })
    expect(await runtime.db.select().from(orgDataKeys).where(ne(orgDataKeys.keyId, runtime.masterKey.keyId))).toEqual(
      [],
    )
    const [audit] = await runtime.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'keys.rotate'))
      .orderBy(auditLog.seq)
    expect(audit).toMatchObject({
      actorType: 'system',
      targetId: runtime.masterKey.keyId,
      meta: { from: oldId, to: runtime.masterKey.keyId },
    })

    // The old key can go now; and a second rotation finds nothing to do.
    const after = await t.restart({ GATEHOUSE_MASTER_KEY: newKey })
    await everythingOpens(after)
    expect(
      await readSecret(after.db, after.masterKey, {
        orgId: orgs[0],
        name: 'WRITTEN_DURING_ROTATION',
        actor: SYSTEM_ACTOR,
        meta: NO_REQUEST,
      }),
    ).toMatchObject({ value: 'fresh' })
    expect(await rotateMasterKey(after.db, after.masterKey)).toEqual({
      registry: 0,
      org_data_keys: 0,
      totp_credentials: 0,
    })
    // And the retired key no longer opens anything.
    await expect(t.restart({ GATEHOUSE_MASTER_KEY: oldKey })).rejects.toThrow(
      /not the one this database was set up with/,
    )
  })

  it('stops with a clear error when a value was sealed with a key it was not given', async () => {
    const runtime = await t.restart({ GATEHOUSE_MASTER_KEY: key(), GATEHOUSE_MASTER_KEY_PREVIOUS: oldKey })
    await runtime.db.update(orgDataKeys).set({ keyId: 'feedfacefeedface' }).where(eq(orgDataKeys.orgId, orgs[0]))
    await expect(rotateMasterKey(runtime.db, runtime.masterKey)).rejects.toThrow(
      /org_data_keys holds a value sealed with master key feedfacefeedface/,
    )
  })
})
