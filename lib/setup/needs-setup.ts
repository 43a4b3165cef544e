import 'server-only'
import type { Executor } from '@/db/client'
import { hasAnyUser } from '@/lib/users/queries'

let setUp = false

/** True while the instance has no user. Once a user exists the answer is cached for the process. */
export async function needsSetup(db: Executor): Promise<boolean> {
  if (setUp) return false
  setUp = await hasAnyUser(db)
  return !setUp
}
