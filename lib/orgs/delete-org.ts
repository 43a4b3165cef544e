import 'server-only'
import { eq } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { organizations, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import type { OrgAccess } from '@/lib/rbac/org-access'

/** Deletes the organization with its memberships and roles (org:admin); members' primary org is cleared. */
export async function deleteOrg(db: Db, args: { access: OrgAccess; actor: AuditActor; meta: RequestMeta }) {
  const { org } = args.access
  await db.transaction(async (tx) => {
    await tx.update(users).set({ primaryOrgId: null }).where(eq(users.primaryOrgId, org.id))
    await tx.delete(organizations).where(eq(organizations.id, org.id))
    await recordAudit(tx, {
      action: 'org.delete',
      actor: args.actor,
      target: { type: 'org', id: org.id },
      orgId: org.id,
      meta: args.meta,
      details: { slug: org.slug, name: org.name },
    })
  })
}
