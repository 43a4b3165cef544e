import 'server-only'
import type { Executor } from '@/db/client'
import { hasAnyUser } from '@/lib/users/queries'

// Users are never all deleted (the last admin stays), so a database once set up stays set up.
const setUp = new WeakSet<Executor>()

/** True while the instance has no user. Once a user exists the answer is remembered per database. */
export async function needsSetup(db: Executor): Promise<boolean> {
  if (setUp.has(db)) return false
  if (!(await hasAnyUser(db))) return true
  setUp.add(db)
  return false
}
