import 'server-only'
import { and, eq } from 'drizzle-orm'
import { files } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'

/** Deletes the row (audited) and then the stored bytes; a link to it answers 404 from then on. */
export async function deleteFile(
  runtime: Runtime,
  args: { orgId: string; id: string; actor: AuditActor; meta: RequestMeta },
) {
  const deleted = await runtime.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(files)
      .where(and(eq(files.orgId, args.orgId), eq(files.id, args.id)))
      .returning({ storageKey: files.storageKey, name: files.name })
    if (!row) throw new AppError('not_found', 'No such file')
    await recordAudit(tx, {
      action: 'file.delete',
      actor: args.actor,
      orgId: args.orgId,
      target: { type: 'file', id: args.id },
      meta: args.meta,
      details: { name: row.name },
    })
    return row
  })
  await runtime.files.remove(deleted.storageKey)
}
