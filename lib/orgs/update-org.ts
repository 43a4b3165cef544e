import 'server-only'
import { eq } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { organizations } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import { type OrgAccess, requirePermission } from '@/lib/rbac/org-access'

export interface UpdateOrgInput {
  name?: string
  requireMfa?: boolean
  guestAccess?: boolean
}

/**
 * Guest access opens the org's files to anyone, so it is the owners' call (org:admin, beyond the
 * org:write of the other settings), and it can only be turned on where the instance allows guests.
 */
function assertMayChangeGuestAccess(access: OrgAccess, input: UpdateOrgInput, allowGuestMode: boolean) {
  if (input.guestAccess === undefined) return
  requirePermission(access, 'org:admin')
  if (input.guestAccess && !allowGuestMode)
    throw new AppError(
      'conflict',
      'Guest access needs ALLOW_GUEST_MODE=true on this instance: ask its administrator to set it, then try again',
      [{ path: 'guest_access', message: 'Turn on ALLOW_GUEST_MODE to allow this.' }],
    )
}

/**
 * Renames the organization, switches require_mfa (org:write) or guest access (org:admin), recording
 * what changed. Turning require_mfa on takes a caller who has a second factor: otherwise they would
 * lock themselves out.
 */
export async function updateOrg(
  db: Db,
  args: {
    access: OrgAccess
    input: UpdateOrgInput
    actor: AuditActor
    actorHasMfa: boolean
    /** ALLOW_GUEST_MODE: guest access cannot be turned on without it. */
    allowGuestMode: boolean
    meta: RequestMeta
  },
) {
  const { org } = args.access
  assertMayChangeGuestAccess(args.access, args.input, args.allowGuestMode)
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
        ...(args.input.guestAccess !== undefined ? { guestAccess: args.input.guestAccess } : {}),
      })
      .where(eq(organizations.id, org.id))
      .returning()
    const changes: Record<string, unknown> = {}
    if (updated.name !== org.name) changes.name = { from: org.name, to: updated.name }
    if (updated.requireMfa !== org.requireMfa) changes.require_mfa = { from: org.requireMfa, to: updated.requireMfa }
    if (updated.guestAccess !== org.guestAccess)
      changes.guest_access = { from: org.guestAccess, to: updated.guestAccess }
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
