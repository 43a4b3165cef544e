import { memberships, roles } from '@/db/schema'
import { NO_REQUEST, SYSTEM_ACTOR } from '@/lib/audit/types'
import { signAccessToken } from '@/lib/auth/access-tokens'
import { hashPassword } from '@/lib/auth/password'
import { createOrg } from '@/lib/orgs/create-org'
import type { Runtime } from '@/lib/runtime'
import { seedUser, TEST_PASSWORD } from './fixtures'

let sharedHash: Promise<string> | undefined

/** A user with the shared test password (hashed once per file) and an access token. */
export async function seedUserWithToken(runtime: Runtime, options: { isAdmin?: boolean; email?: string } = {}) {
  sharedHash ??= hashPassword(TEST_PASSWORD)
  const user = await seedUser(runtime, { ...options, passwordHash: await sharedHash })
  const token = await signAccessToken(
    { keys: runtime.signingKeys, issuer: runtime.config.appUrl, ttlSeconds: 600 },
    user.id,
  )
  return { user, token }
}

/** An organization owned by `ownerId`, with extra members by role id (built-in name or custom role id). */
export async function seedOrg(runtime: Runtime, ownerId: string, members: { userId: string; role: string }[] = []) {
  const slug = `org-${crypto.randomUUID().slice(0, 8)}`
  return runtime.db.transaction(async (tx) => {
    const org = await createOrg(tx, { name: `Org ${slug}`, slug, ownerId, actor: SYSTEM_ACTOR, meta: NO_REQUEST })
    if (members.length > 0) await tx.insert(memberships).values(members.map((member) => ({ orgId: org.id, ...member })))
    return org
  })
}

export async function seedCustomRole(runtime: Runtime, orgId: string, name: string, permissions: string[]) {
  const [role] = await runtime.db.insert(roles).values({ orgId, name, permissions }).returning()
  return role
}

/** An instance that has been set up: an administrator (with a token) who owns `default`. */
export async function seedSetUpInstance(runtime: Runtime) {
  const admin = await seedUserWithToken(runtime, { isAdmin: true })
  await runtime.db.transaction((tx) =>
    createOrg(tx, { name: 'default', slug: 'default', ownerId: admin.user.id, actor: SYSTEM_ACTOR, meta: NO_REQUEST }),
  )
  return admin
}
