import 'server-only'
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { preparedPerDatabase } from '@/db/prepared'
import { orgDataKeys, secrets, secretVersions } from '@/db/schema'
import { recordAuditAlone } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { DecryptError } from '@/lib/crypto/aead'
import type { MasterKey } from '@/lib/crypto/master-key'
import { type WrappedDataKey, wrappedDataKeyColumns } from '@/lib/crypto/org-data-keys'
import { openSecretValue, type SecretValueRef } from '@/lib/crypto/secret-values'
import { AppError } from '@/lib/errors'

// One round trip: the secret, the version asked for (or the newest) and the org's wrapped data key.
const sealedVersion = preparedPerDatabase((db) =>
  db
    .select({
      name: secrets.name,
      latest: secrets.version,
      version: secretVersions.version,
      nonce: secretVersions.nonce,
      ciphertext: secretVersions.ciphertext,
      createdAt: secretVersions.createdAt,
      dataKey: wrappedDataKeyColumns,
    })
    .from(secrets)
    .leftJoin(
      secretVersions,
      and(
        eq(secretVersions.secretId, secrets.id),
        eq(secretVersions.version, sql`coalesce(${sql.placeholder('version')}::integer, ${secrets.version})`),
      ),
    )
    .leftJoin(orgDataKeys, eq(orgDataKeys.orgId, secrets.orgId))
    .where(and(eq(secrets.orgId, sql.placeholder('orgId')), eq(secrets.name, sql.placeholder('name'))))
    .prepare('gatehouse_sealed_secret_version'),
)

/** Opens a stored value; one that fails its integrity check is a 500 that says so, and `outcome` (what was not done). */
export function openStoredValue(
  masterKey: MasterKey,
  dataKey: WrappedDataKey,
  ref: SecretValueRef,
  sealed: { nonce: string; ciphertext: string },
  outcome: string,
): string {
  try {
    return openSecretValue(masterKey, dataKey, ref, sealed)
  } catch (error) {
    if (error instanceof DecryptError)
      throw new AppError('internal', `The stored value of ${ref.name} failed its integrity check${outcome}`)
    throw error
  }
}

interface ReadSecretArgs {
  orgId: string
  name: string
  version?: number
  actor: AuditActor
  meta: RequestMeta
}

/** Opens the newest value (or `version`) of a secret, for the server's own use: not audited here. */
export async function openSecretVersion(
  db: Db,
  masterKey: MasterKey,
  args: { orgId: string; name: string; version?: number },
) {
  const [row] = await sealedVersion(db).execute({ orgId: args.orgId, name: args.name, version: args.version ?? null })
  if (!row) throw new AppError('not_found', `No secret named ${args.name}`)
  if (row.version === null || row.nonce === null || row.ciphertext === null || !row.dataKey) {
    throw new AppError('not_found', `${args.name} has no version ${args.version} (the newest is ${row.latest})`)
  }
  const ref = { orgId: args.orgId, name: row.name, version: row.version }
  const value = openStoredValue(
    masterKey,
    row.dataKey,
    ref,
    { nonce: row.nonce, ciphertext: row.ciphertext },
    ' and was not returned',
  )
  return { name: row.name, value, version: row.version, updatedAt: row.createdAt! }
}

/** Opens the newest value (or `version`) for the caller, audited as secret.read before it is returned. */
export async function readSecret(db: Db, masterKey: MasterKey, args: ReadSecretArgs) {
  const secret = await openSecretVersion(db, masterKey, args)
  await recordAuditAlone(db, {
    action: 'secret.read',
    actor: args.actor,
    orgId: args.orgId,
    target: { type: 'secret', id: secret.name },
    meta: args.meta,
    details: { version: secret.version },
  })
  return secret
}
