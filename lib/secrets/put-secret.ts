import 'server-only'
import { sql } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { secrets, secretVersions } from '@/db/schema'
import { actorLabel } from '@/lib/audit/actor-label'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import type { MasterKey } from '@/lib/crypto/master-key'
import { ensureOrgDataKey } from '@/lib/crypto/org-data-keys'
import { sealSecretValue } from '@/lib/crypto/secret-values'

export interface PutSecretArgs {
  orgId: string
  name: string
  value: string
  note?: string
  actor: AuditActor
  meta: RequestMeta
  /** Audit details beyond the name and version (a restore names the version it came from). */
  details?: Record<string, unknown>
}

/**
 * Creates version 1 or the next version, sealed with the org's data key. The version number comes
 * from one atomic upsert, so concurrent writers get distinct versions and none is lost.
 */
export async function putSecret(db: Executor, masterKey: MasterKey, args: PutSecretArgs) {
  const dataKey = await ensureOrgDataKey(db, masterKey, args.orgId)
  const by = actorLabel(args.actor)
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(secrets)
      .values({ orgId: args.orgId, name: args.name, version: 1, updatedBy: by })
      .onConflictDoUpdate({
        target: [secrets.orgId, secrets.name],
        set: { version: sql`${secrets.version} + 1`, updatedAt: sql`now()`, updatedBy: by },
      })
      .returning({ id: secrets.id, version: secrets.version })
    const sealed = sealSecretValue(
      masterKey,
      dataKey,
      { orgId: args.orgId, name: args.name, version: row.version },
      args.value,
    )
    await tx
      .insert(secretVersions)
      .values({ secretId: row.id, version: row.version, ...sealed, note: args.note || null, createdBy: by })
    await recordAudit(tx, {
      action: 'secret.write',
      actor: args.actor,
      orgId: args.orgId,
      target: { type: 'secret', id: args.name },
      meta: args.meta,
      details: { version: row.version, ...args.details },
    })
    return { name: args.name, version: row.version, created: row.version === 1 }
  })
}
