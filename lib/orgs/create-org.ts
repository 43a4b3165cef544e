import 'server-only'
import { eq } from 'drizzle-orm'
import type { Db, Tx } from '@/db/client'
import { memberships, organizations, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import { freeSlugFor } from './queries'
import { slugify } from './schemas'

export interface CreateOrgArgs {
  name: string
  slug: string
  ownerId: string
  actor: AuditActor
  meta: RequestMeta
  /** Make it the owner's primary organization. */
  makePrimary?: boolean
}

/** Creates an organization owned by `ownerId`, in the caller's transaction, and records org.create. */
export async function createOrg(tx: Tx, args: CreateOrgArgs) {
  const [org] = await tx
    .insert(organizations)
    .values({ name: args.name, slug: args.slug })
    .onConflictDoNothing()
    .returning()
  if (!org) throw new AppError('conflict', `The slug ${args.slug} is taken; choose another`)
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

/** POST /api/v1/orgs and the console: the caller becomes owner; without a slug one is derived from the name. */
export async function createOrgForUser(
  db: Db,
  args: { name: string; slug?: string; userId: string; actor: AuditActor; meta: RequestMeta },
) {
  const slug = args.slug ?? (await freeSlugFor(db, slugify(args.name)))
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ primaryOrgId: users.primaryOrgId }).from(users).where(eq(users.id, args.userId))
    return createOrg(tx, {
      name: args.name,
      slug,
      ownerId: args.userId,
      actor: args.actor,
      meta: args.meta,
      makePrimary: !user?.primaryOrgId,
    })
  })
}
