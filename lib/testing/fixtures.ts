import { NO_REQUEST, SYSTEM_ACTOR } from '@/lib/audit/types'
import { hashPassword } from '@/lib/auth/password'
import type { Runtime } from '@/lib/runtime'
import { createUser } from '@/lib/users/create-user'

export const TEST_PASSWORD = 'Correct-Horse-42'

let counter = 0

/** A user with a real argon2id password hash, created the way the product creates users. */
export async function seedUser(
  runtime: Runtime,
  options: { email?: string; password?: string; isAdmin?: boolean; passwordHash?: string } = {},
) {
  const email = options.email ?? `user${++counter}-${crypto.randomUUID().slice(0, 8)}@example.com`
  const passwordHash = options.passwordHash ?? (await hashPassword(options.password ?? TEST_PASSWORD))
  return runtime.db.transaction((tx) =>
    createUser(tx, {
      email,
      name: 'Test User',
      passwordHash,
      isAdmin: options.isAdmin,
      actor: SYSTEM_ACTOR,
      meta: NO_REQUEST,
    }),
  )
}

export const TEST_META = { ip: '203.0.113.7', userAgent: 'vitest' }
