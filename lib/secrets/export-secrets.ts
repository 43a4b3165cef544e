import 'server-only'
import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { orgDataKeys, secrets, secretVersions } from '@/db/schema'
import { recordAuditAlone } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import type { MasterKey } from '@/lib/crypto/master-key'
import { wrappedDataKeyColumns } from '@/lib/crypto/org-data-keys'
import { formatDotenv } from './dotenv'
import { openStoredValue } from './read-secret'

/** Every secret's newest value, by name: one query, opened in memory. Audited as one secret.export. */
export async function exportSecrets(
  db: Db,
  masterKey: MasterKey,
  args: { orgId: string; format: 'dotenv' | 'json'; actor: AuditActor; meta: RequestMeta },
) {
  const rows = await db
    .select({
      name: secrets.name,
      version: secrets.version,
      nonce: secretVersions.nonce,
      ciphertext: secretVersions.ciphertext,
      dataKey: wrappedDataKeyColumns,
    })
    .from(secrets)
    .innerJoin(
      secretVersions,
      and(eq(secretVersions.secretId, secrets.id), eq(secretVersions.version, secrets.version)),
    )
    .innerJoin(orgDataKeys, eq(orgDataKeys.orgId, secrets.orgId))
    .where(eq(secrets.orgId, args.orgId))
    .orderBy(asc(secrets.name))
  const values = new Map<string, string>()
  for (const row of rows)
    values.set(
      row.name,
      openStoredValue(
        masterKey,
        row.dataKey,
        { orgId: args.orgId, name: row.name, version: row.version },
        row,
        '; nothing was exported',
      ),
    )
  await recordAuditAlone(db, {
    action: 'secret.export',
    actor: args.actor,
    orgId: args.orgId,
    target: { type: 'org', id: args.orgId },
    meta: args.meta,
    details: { format: args.format, count: values.size },
  })
  return args.format === 'json' ? `${JSON.stringify(Object.fromEntries(values), null, 2)}\n` : formatDotenv(values)
}
