import 'server-only'
import type { Executor } from '@/db/client'
import { randomToken, safeEqual } from '@/lib/crypto/hash'
import type { MasterKey } from '@/lib/crypto/master-key'
import { deleteRegistryValue, ensureSealed, readSealed } from '@/lib/crypto/registry'

const SETUP_TOKEN_NAME = 'setup.token'

/**
 * The one-time token that claims a fresh instance. Kept sealed in the registry, so every instance
 * on one database prints the same token, and it survives a restart until setup is done.
 */
export function ensureSetupToken(db: Executor, masterKey: MasterKey): Promise<string> {
  return ensureSealed(db, masterKey, SETUP_TOKEN_NAME, () => randomToken(24))
}

export async function isValidSetupToken(db: Executor, masterKey: MasterKey, candidate: string): Promise<boolean> {
  const expected = await readSealed(db, masterKey, SETUP_TOKEN_NAME)
  return expected !== undefined && safeEqual(candidate, expected)
}

export function clearSetupToken(db: Executor): Promise<void> {
  return deleteRegistryValue(db, SETUP_TOKEN_NAME)
}
