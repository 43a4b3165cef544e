import 'server-only'
import { eq } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { registry } from '@/db/schema'
import { DecryptError, type Sealed } from './aead'
import { type MasterKey, openWithMasterKey, sealWithMasterKey } from './master-key'

// The name is the associated data: a sealed value copied under another name does not open.
const aadFor = (name: string) => `registry:${name}`

export class RegistryKeyError extends Error {
  override name = 'RegistryKeyError'
}

/** Reads and opens a sealed registry value; undefined when absent. */
export async function readSealed(db: Executor, masterKey: MasterKey, name: string): Promise<string | undefined> {
  const [row] = await db.select().from(registry).where(eq(registry.name, name))
  if (!row) return undefined
  if (!row.ciphertext || !row.nonce || !row.keyId) throw new RegistryKeyError(`registry value ${name} is not sealed`)
  try {
    return openWithMasterKey(
      masterKey,
      { nonce: row.nonce, ciphertext: row.ciphertext, keyId: row.keyId },
      aadFor(name),
    ).toString('utf8')
  } catch (error) {
    if (error instanceof DecryptError) {
      throw new RegistryKeyError(
        `registry value ${name} (sealed with key ${row.keyId}) does not open with master key ${masterKey.keyId}`,
      )
    }
    throw error
  }
}

/** Stores a sealed value unless one exists already; returns the value that is stored (first writer wins). */
export async function ensureSealed(
  db: Executor,
  masterKey: MasterKey,
  name: string,
  generate: () => string | Promise<string>,
): Promise<string> {
  const existing = await readSealed(db, masterKey, name)
  if (existing !== undefined) return existing
  const sealed = sealWithMasterKey(masterKey, await generate(), aadFor(name))
  await db
    .insert(registry)
    .values({ name, nonce: sealed.nonce, ciphertext: sealed.ciphertext, keyId: sealed.keyId })
    .onConflictDoNothing({ target: registry.name })
  const stored = await readSealed(db, masterKey, name)
  if (stored === undefined) throw new RegistryKeyError(`registry value ${name} could not be stored`)
  return stored
}

/** Stores a sealed value, replacing any earlier one (a secret an administrator changes). */
export async function putSealed(db: Executor, masterKey: MasterKey, name: string, value: string): Promise<void> {
  const sealed = sealWithMasterKey(masterKey, value, aadFor(name))
  const columns = { nonce: sealed.nonce, ciphertext: sealed.ciphertext, keyId: sealed.keyId, value: null }
  await db
    .insert(registry)
    .values({ name, ...columns })
    .onConflictDoUpdate({ target: registry.name, set: { ...columns, updatedAt: new Date() } })
}

/** A plain (not secret) registry value; undefined when absent. */
export async function readPlain(db: Executor, name: string): Promise<string | undefined> {
  const [row] = await db.select({ value: registry.value }).from(registry).where(eq(registry.name, name))
  return row?.value ?? undefined
}

/** Stores a plain registry value; `keep` leaves one already there as it is (first writer wins). */
export async function putPlain(db: Executor, name: string, value: string, { keep = false } = {}): Promise<void> {
  const insert = db.insert(registry).values({ name, value })
  await (keep
    ? insert.onConflictDoNothing({ target: registry.name })
    : insert.onConflictDoUpdate({ target: registry.name, set: { value, updatedAt: new Date() } }))
}

/** A sealed registry row sealed again under the current master key (rotation); `null` when it already is. */
export function rewrapRegistryValue(masterKey: MasterKey, row: { name: string } & Sealed): Sealed | null {
  if (row.keyId === masterKey.keyId) return null
  return sealWithMasterKey(masterKey, openWithMasterKey(masterKey, row, aadFor(row.name)), aadFor(row.name))
}

export async function deleteRegistryValue(db: Executor, name: string): Promise<void> {
  await db.delete(registry).where(eq(registry.name, name))
}

const KEY_CHECK_NAME = 'master_key.check'
const KEY_CHECK_PLAINTEXT = 'gatehouse master key check v1'

/**
 * The first start stores a known value sealed with the master key; every later start must open it.
 * A wrong key therefore stops the server before anything is generated or overwritten.
 */
export async function verifyMasterKey(db: Executor, masterKey: MasterKey): Promise<'created' | 'verified'> {
  const [row] = await db.select().from(registry).where(eq(registry.name, KEY_CHECK_NAME))
  if (!row) {
    const [sealedRow] = await db.select({ name: registry.name }).from(registry).limit(1)
    if (sealedRow) {
      throw new RegistryKeyError(
        'the registry holds values but no master key check; refusing to continue with an unverified master key',
      )
    }
    await ensureSealed(db, masterKey, KEY_CHECK_NAME, () => KEY_CHECK_PLAINTEXT)
    return 'created'
  }
  let plaintext: string
  try {
    plaintext = (await readSealed(db, masterKey, KEY_CHECK_NAME)) ?? ''
  } catch {
    throw new RegistryKeyError(
      `the master key (id ${masterKey.keyId}) is not the one this database was set up with (id ${row.keyId}). ` +
        'Start with the original GATEHOUSE_MASTER_KEY (or its key file); nothing was changed.',
    )
  }
  if (plaintext !== KEY_CHECK_PLAINTEXT) throw new RegistryKeyError('the master key check value is corrupt')
  return 'verified'
}
