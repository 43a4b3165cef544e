import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { registry } from '@/db/schema'
import { createMigratedDatabase } from '@/lib/testing/db'
import { keyIdOf } from './aead'
import type { MasterKey } from './master-key'
import { ensureSealed, RegistryKeyError, readSealed, verifyMasterKey } from './registry'

const masterKeyOf = (key = randomBytes(32)): MasterKey => ({ key, keyId: keyIdOf(key), source: 'env' })

describe('sealed registry', () => {
  let ctx: Awaited<ReturnType<typeof createMigratedDatabase>>
  beforeEach(async () => {
    ctx = await createMigratedDatabase()
  })
  afterEach(() => ctx.handle.drop())

  it('stores values sealed, never in plaintext, and the first writer wins', async () => {
    const mk = masterKeyOf()
    expect(await ensureSealed(ctx.db, mk, 'jwt.secret', () => 'first-value')).toBe('first-value')
    expect(await ensureSealed(ctx.db, mk, 'jwt.secret', () => 'second-value')).toBe('first-value')
    const [row] = await ctx.db.select().from(registry).where(eq(registry.name, 'jwt.secret'))
    expect(row.value).toBeNull()
    expect(row.keyId).toBe(mk.keyId)
    expect(Buffer.from(row.nonce!, 'base64')).toHaveLength(12)
    expect(JSON.stringify(row)).not.toContain('first-value')
  })

  it('refuses a sealed value moved to another name (the name is associated data)', async () => {
    const mk = masterKeyOf()
    await ensureSealed(ctx.db, mk, 'a', () => 'value-of-a')
    const [a] = await ctx.db.select().from(registry).where(eq(registry.name, 'a'))
    await ctx.db.insert(registry).values({ name: 'b', nonce: a.nonce, ciphertext: a.ciphertext, keyId: a.keyId })
    await expect(readSealed(ctx.db, mk, 'b')).rejects.toThrow(RegistryKeyError)
  })

  it('creates the key check on first start and verifies it after', async () => {
    const mk = masterKeyOf()
    expect(await verifyMasterKey(ctx.db, mk)).toBe('created')
    expect(await verifyMasterKey(ctx.db, mk)).toBe('verified')
  })

  it('stops on a wrong master key with a clear message and changes nothing', async () => {
    const right = masterKeyOf()
    await verifyMasterKey(ctx.db, right)
    await ensureSealed(ctx.db, right, 'jwt.signing_key.ES256', () => '{"kty":"EC"}')
    const before = await ctx.db.select().from(registry).orderBy(registry.name)
    const wrong = masterKeyOf()
    await expect(verifyMasterKey(ctx.db, wrong)).rejects.toThrow(
      `the master key (id ${wrong.keyId}) is not the one this database was set up with (id ${right.keyId})`,
    )
    expect(await ctx.db.select().from(registry).orderBy(registry.name)).toEqual(before)
  })

  it('refuses an unverified key when sealed values exist without a key check', async () => {
    await ensureSealed(ctx.db, masterKeyOf(), 'orphan', () => 'x')
    await expect(verifyMasterKey(ctx.db, masterKeyOf())).rejects.toThrow('no master key check')
  })
})
