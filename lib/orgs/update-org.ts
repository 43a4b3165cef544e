import 'server-only'
import { eq } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { organizations } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import type { OrgAccess } from '@/lib/rbac/org-access'

/**
 * Renames the organization or switches require_mfa (org:write), recording what changed. Turning
 * require_mfa on takes a caller who has a second factor: otherwise they would lock themselves out.
 */
export async function updateOrg(
  db: Db,
  args: {
    access: OrgAccess
    input: { name?: string; requireMfa?: boolean }
    actor: AuditActor
    actorHasMfa: boolean
    meta: RequestMeta
  },
) {
  const { org } = args.access
  if (args.input.requireMfa && !org.requireMfa && !args.actorHasMfa) {
    throw new AppError(
      'conflict',
      'Turn on two-factor sign-in for your own account first: requiring it would lock you out of this organization',
      [{ path: 'require_mfa', message: 'Turn on two-factor sign-in for your own account first (Security page).' }],
    )
  }
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(organizations)
      .set({
        ...(args.input.name !== undefined ? { name: args.input.name } : {}),
        ...(args.input.requireMfa !== undefined ? { requireMfa: args.input.requireMfa } : {}),
      })
      .where(eq(organizations.id, org.id))
      .returning()
    const changes: Record<string, unknown> = {}
    if (updated.name !== org.name) changes.name = { from: org.name, to: updated.name }
    if (updated.requireMfa !== org.requireMfa) changes.require_mfa = { from: org.requireMfa, to: updated.requireMfa }
    await recordAudit(tx, {
      action: 'org.update',
      actor: args.actor,
      target: { type: 'org', id: org.id },
      orgId: org.id,
      meta: args.meta,
      details: changes,
    })
    return updated
  })
}
