import 'server-only'
import { count, eq } from 'drizzle-orm'
import { files, organizations, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import type { OrgAccess } from '@/lib/rbac/org-access'
import type { Runtime } from '@/lib/runtime'

/**
 * Deletes the organization with everything in it (org:admin): memberships, roles, keys, secrets and
 * file rows go with the row; members' primary org is cleared; then the stored file bytes are removed.
 */
export async function deleteOrg(runtime: Runtime, args: { access: OrgAccess; actor: AuditActor; meta: RequestMeta }) {
  const { org } = args.access
  await runtime.db.transaction(async (tx) => {
    const [{ stored }] = await tx.select({ stored: count() }).from(files).where(eq(files.orgId, org.id))
    await tx.update(users).set({ primaryOrgId: null }).where(eq(users.primaryOrgId, org.id))
    await tx.delete(organizations).where(eq(organizations.id, org.id))
    await recordAudit(tx, {
      action: 'org.delete',
      actor: args.actor,
      target: { type: 'org', id: org.id },
      orgId: org.id,
      meta: args.meta,
      details: { slug: org.slug, name: org.name, files: stored },
    })
  })
  // After the commit: the bytes cannot be read without their rows (and keys) anyway, and a crash
  // before this line leaves only unreadable ciphertext, never a row without its bytes.
  await runtime.files
    .removeAll(org.id)
    .catch((error) =>
      runtime.log.error({ err: error, orgId: org.id }, 'stored files of a deleted org were not removed'),
    )
}
