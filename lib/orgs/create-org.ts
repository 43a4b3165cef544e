import 'server-only'
import { eq } from 'drizzle-orm'
import type { Tx } from '@/db/client'
import { memberships, organizations, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'

export interface CreateOrgArgs {
  name: string
  slug: string
  ownerId: string
  actor: AuditActor
  meta: RequestMeta
  /** Make it the owner's primary organization when they have none yet. */
  makePrimary?: boolean
}

/** Creates an organization owned by `ownerId`, in the caller's transaction, and records org.create. */
export async function createOrg(tx: Tx, args: CreateOrgArgs) {
  const [org] = await tx.insert(organizations).values({ name: args.name, slug: args.slug }).onConflictDoNothing().returning()
  if (!org) throw new AppError('conflict', `An organization with the slug ${args.slug} already exists`)
  await tx.insert(memberships).values({ orgId: org.id, userId: args.ownerId, role: 'owner' })
  if (args.makePrimary) await tx.update(users).set({ primaryOrgId: org.id }).where(eq(users.id, args.ownerId))
  await recordAudit(tx, {
    action: 'org.create',
    actor: args.actor,
    target: { type: 'org', id: org.id },
    orgId: org.id,
    meta: args.meta,
    details: { slug: org.slug, name: org.name },
  })
  return org
}
