import 'server-only'
import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { orgDataKeys } from '@/db/schema'
import { open, type Sealed, seal } from './aead'
import { type MasterKey, openWithMasterKey, sealWithMasterKey } from './master-key'

/** An org's data key as stored: sealed with the master key. Code outside lib/crypto sees only this. */
export type WrappedDataKey = Sealed & { orgId: string }

const wrapAad = (orgId: string) => `orgkey:${orgId}`

function unwrap(masterKey: MasterKey, wrapped: WrappedDataKey): Buffer {
  return openWithMasterKey(masterKey, wrapped, wrapAad(wrapped.orgId))
}

export const wrappedDataKeyColumns = {
  orgId: orgDataKeys.orgId,
  nonce: orgDataKeys.nonce,
  ciphertext: orgDataKeys.ciphertext,
  keyId: orgDataKeys.keyId,
}

/** A new random data key for an org, sealed with the master key. */
export function newWrappedDataKey(masterKey: MasterKey, orgId: string): WrappedDataKey {
  return { orgId, ...sealWithMasterKey(masterKey, randomBytes(32), wrapAad(orgId)) }
}

/** The org's wrapped data key, made on first use (concurrent first uses agree on one). */
export async function ensureOrgDataKey(db: Executor, masterKey: MasterKey, orgId: string): Promise<WrappedDataKey> {
  const read = () => db.select(wrappedDataKeyColumns).from(orgDataKeys).where(eq(orgDataKeys.orgId, orgId))
  const [existing] = await read()
  if (existing) return existing
  await db
    .insert(orgDataKeys)
    .values(newWrappedDataKey(masterKey, orgId))
    .onConflictDoNothing({ target: orgDataKeys.orgId })
  const [stored] = await read()
  return stored
}

/** Seals `plaintext` with the org's data key; `aad` says where it belongs (org, name, version). */
export function sealWithDataKey(
  masterKey: MasterKey,
  dataKey: WrappedDataKey,
  plaintext: Buffer | string,
  aad: string,
): Pick<Sealed, 'nonce' | 'ciphertext'> {
  const { nonce, ciphertext } = seal(unwrap(masterKey, dataKey), plaintext, aad)
  return { nonce, ciphertext }
}

/** Opens what sealWithDataKey sealed; throws DecryptError when it was moved, tampered with or belongs elsewhere. */
export function openWithDataKey(
  masterKey: MasterKey,
  dataKey: WrappedDataKey,
  sealed: Pick<Sealed, 'nonce' | 'ciphertext'>,
  aad: string,
): Buffer {
  return open(unwrap(masterKey, dataKey), sealed, aad)
}

/** The data key sealed again under the current master key (rotation); `null` when it already is. */
export function rewrapDataKey(masterKey: MasterKey, dataKey: WrappedDataKey): Sealed | null {
  if (dataKey.keyId === masterKey.keyId) return null
  return sealWithMasterKey(masterKey, unwrap(masterKey, dataKey), wrapAad(dataKey.orgId))
}
