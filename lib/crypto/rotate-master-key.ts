import 'server-only'
import { and, asc, eq, isNotNull, ne } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { orgDataKeys, registry, totpCredentials } from '@/db/schema'
import { recordAuditAlone } from '@/lib/audit/record-audit'
import { NO_REQUEST, SYSTEM_ACTOR } from '@/lib/audit/types'
import type { MasterKey } from './master-key'
import { rewrapDataKey } from './org-data-keys'
import { rewrapRegistryValue } from './registry'
import { rewrapTotpSecret } from './totp-secret'

export type RotatedTable = 'registry' | 'org_data_keys' | 'totp_credentials'
export type RotationCounts = Record<RotatedTable, number>

interface RotateOptions {
  batchSize?: number
  /** Called after each committed batch (progress output; a test's simulated crash). */
  onBatch?: (table: RotatedTable, rewrapped: number) => void | Promise<void>
}

export class RotationError extends Error {
  override name = 'RotationError'
}

/**
 * One table's rotation: sealed rows whose key id is not the current master key's, a batch at a time,
 * each batch one transaction. A row is updated only if it still holds what was read (same key id),
 * so a value a server wrote meanwhile is left alone. Killed at any point, a rerun carries on.
 */
async function rotateTable<Row extends { keyId: string }>(
  db: Db,
  masterKey: MasterKey,
  table: RotatedTable,
  options: Required<Pick<RotateOptions, 'batchSize'>> & RotateOptions,
  batch: {
    read: (limit: number) => Promise<Row[]>
    write: (tx: Db, row: Row, masterKey: MasterKey) => Promise<boolean>
  },
): Promise<number> {
  let total = 0
  for (;;) {
    const rows = await batch.read(options.batchSize)
    if (rows.length === 0) return total
    const foreign = rows.find((row) => row.keyId !== masterKey.previous?.keyId)
    if (foreign) {
      throw new RotationError(
        `${table} holds a value sealed with master key ${foreign.keyId}, which is neither GATEHOUSE_MASTER_KEY (${masterKey.keyId}) nor GATEHOUSE_MASTER_KEY_PREVIOUS (${masterKey.previous?.keyId ?? 'unset'})`,
      )
    }
    const written = await db.transaction(async (tx) => {
      let count = 0
      for (const row of rows) if (await batch.write(tx as unknown as Db, row, masterKey)) count += 1
      return count
    })
    total += written
    await options.onBatch?.(table, written)
  }
}

/**
 * Re-seals everything the master key seals directly (registry values, org data keys, TOTP secrets)
 * under GATEHOUSE_MASTER_KEY, opening it with GATEHOUSE_MASTER_KEY_PREVIOUS. Secret values and files
 * are sealed with the org data keys and are not touched. Servers configured with both keys keep
 * serving throughout. Audited as keys.rotate (a check with no previous key that finds nothing, not).
 */
export async function rotateMasterKey(
  db: Db,
  masterKey: MasterKey,
  options: RotateOptions = {},
): Promise<RotationCounts> {
  const settings = { batchSize: 100, ...options }
  const current = masterKey.keyId
  const registryCount = await rotateTable(db, masterKey, 'registry', settings, {
    read: (limit) =>
      db
        .select({ name: registry.name, nonce: registry.nonce, ciphertext: registry.ciphertext, keyId: registry.keyId })
        .from(registry)
        .where(and(isNotNull(registry.ciphertext), isNotNull(registry.keyId), ne(registry.keyId, current)))
        .orderBy(asc(registry.name))
        .limit(limit) as Promise<{ name: string; nonce: string; ciphertext: string; keyId: string }[]>,
    write: async (tx, row) => {
      const sealed = rewrapRegistryValue(masterKey, row)!
      const updated = await tx
        .update(registry)
        .set(sealed)
        .where(and(eq(registry.name, row.name), eq(registry.keyId, row.keyId)))
        .returning({ name: registry.name })
      return updated.length === 1
    },
  })
  const orgKeyCount = await rotateTable(db, masterKey, 'org_data_keys', settings, {
    read: (limit) =>
      db
        .select({
          orgId: orgDataKeys.orgId,
          nonce: orgDataKeys.nonce,
          ciphertext: orgDataKeys.ciphertext,
          keyId: orgDataKeys.keyId,
        })
        .from(orgDataKeys)
        .where(ne(orgDataKeys.keyId, current))
        .orderBy(asc(orgDataKeys.orgId))
        .limit(limit),
    write: async (tx, row) => {
      const sealed = rewrapDataKey(masterKey, row)!
      const updated = await tx
        .update(orgDataKeys)
        .set(sealed)
        .where(and(eq(orgDataKeys.orgId, row.orgId), eq(orgDataKeys.keyId, row.keyId)))
        .returning({ orgId: orgDataKeys.orgId })
      return updated.length === 1
    },
  })
  const totpCount = await rotateTable(db, masterKey, 'totp_credentials', settings, {
    read: (limit) =>
      db
        .select({
          userId: totpCredentials.userId,
          secretNonce: totpCredentials.secretNonce,
          secretCiphertext: totpCredentials.secretCiphertext,
          keyId: totpCredentials.keyId,
        })
        .from(totpCredentials)
        .where(ne(totpCredentials.keyId, current))
        .orderBy(asc(totpCredentials.userId))
        .limit(limit),
    write: async (tx, row) => {
      const sealed = rewrapTotpSecret(masterKey, row)!
      const updated = await tx
        .update(totpCredentials)
        .set({ secretNonce: sealed.nonce, secretCiphertext: sealed.ciphertext, keyId: sealed.keyId })
        .where(and(eq(totpCredentials.userId, row.userId), eq(totpCredentials.keyId, row.keyId)))
        .returning({ userId: totpCredentials.userId })
      return updated.length === 1
    },
  })
  const counts: RotationCounts = { registry: registryCount, org_data_keys: orgKeyCount, totp_credentials: totpCount }
  if (!masterKey.previous && registryCount + orgKeyCount + totpCount === 0) return counts
  await recordAuditAlone(db, {
    action: 'keys.rotate',
    actor: SYSTEM_ACTOR,
    target: { type: 'master_key', id: current },
    meta: NO_REQUEST,
    details: { from: masterKey.previous?.keyId ?? null, to: current, rewrapped: counts },
  })
  return counts
}
