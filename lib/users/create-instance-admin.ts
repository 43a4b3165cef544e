import 'server-only'
import { NO_REQUEST, SYSTEM_ACTOR } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import { createFirstAdmin } from '@/lib/setup/create-first-admin'
import { provisionUser } from './provision-user'
import { hasAnyUser } from './queries'

export interface InstanceAdminArgs {
  email: string
  name: string
  password: string
}

/**
 * `admin create` from a shell on the server: an instance admin without signing in, for the first
 * account of a headless install or a way back in when every admin is locked out. On an instance
 * with no account it is the first admin (owner of `default`, setup done), as GATEHOUSE_ADMIN_* makes.
 */
export async function createInstanceAdmin(runtime: Runtime, args: InstanceAdminArgs) {
  if (!(await hasAnyUser(runtime.db))) {
    try {
      const user = await createFirstAdmin({ runtime, ...args, meta: NO_REQUEST, headless: true })
      return { user, first: true }
    } catch (error) {
      // Someone finished setup meanwhile: this admin joins like any other.
      if (!(error instanceof AppError && error.code === 'already_set_up')) throw error
    }
  }
  const user = await provisionUser(runtime, {
    ...args,
    isAdmin: true,
    emailVerified: true,
    actor: SYSTEM_ACTOR,
    meta: NO_REQUEST,
    joinDefaultOrg: true,
  })
  return { user, first: false }
}
