import 'server-only'
import { and, eq } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { secrets } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'

/** Deletes a secret with every version of it; a name used again later starts at version 1. */
export async function deleteSecret(
  db: Db,
  args: { orgId: string; name: string; actor: AuditActor; meta: RequestMeta },
) {
  await db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(secrets)
      .where(and(eq(secrets.orgId, args.orgId), eq(secrets.name, args.name)))
      .returning({ version: secrets.version })
    if (!deleted) throw new AppError('not_found', `No secret named ${args.name}`)
    await recordAudit(tx, {
      action: 'secret.delete',
      actor: args.actor,
      orgId: args.orgId,
      target: { type: 'secret', id: args.name },
      meta: args.meta,
      details: { versions: deleted.version },
    })
  })
}
