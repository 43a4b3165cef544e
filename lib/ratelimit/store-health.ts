import 'server-only'
import type { Runtime } from '@/lib/runtime'

/** A failing store is logged at most this often, with how many failures went unlogged since. */
export const STORE_LOG_INTERVAL_MS = 60_000

interface StoreHealth {
  failingSince: Date | null
  lastError: string | null
  lastLoggedAt: number
  unlogged: number
}

const HEALTH = new WeakMap<Runtime, StoreHealth>()

function healthOf(runtime: Runtime): StoreHealth {
  let health = HEALTH.get(runtime)
  if (!health) {
    health = { failingSince: null, lastError: null, lastLoggedAt: 0, unlogged: 0 }
    HEALTH.set(runtime, health)
  }
  return health
}

/** A store call failed: the request goes on without that limit; the log hears of it once an interval. */
export function recordStoreFailure(runtime: Runtime, error: unknown, bucket: string): void {
  const health = healthOf(runtime)
  const now = Date.now()
  health.failingSince ??= new Date(now)
  health.lastError = error instanceof Error ? error.message : String(error)
  if (now - health.lastLoggedAt < STORE_LOG_INTERVAL_MS) {
    health.unlogged += 1
    return
  }
  runtime.log.warn(
    { err: error, bucket, failingSince: health.failingSince.toISOString(), unloggedFailures: health.unlogged },
    'rate limit store unavailable; requests are served without its limits',
  )
  health.lastLoggedAt = now
  health.unlogged = 0
}

/** A store call answered: a failure streak, if there was one, is over. */
export function recordStoreAnswer(runtime: Runtime): void {
  const health = HEALTH.get(runtime)
  if (!health?.failingSince) return
  runtime.log.info({ failingSince: health.failingSince.toISOString() }, 'rate limit store answers again')
  health.failingSince = null
  health.lastError = null
  health.lastLoggedAt = 0
  health.unlogged = 0
}

/** For /api/ready: whether the last call to the store failed, since when, and why. */
export function storeFailureOf(runtime: Runtime): { since: string; error: string | null } | null {
  const health = HEALTH.get(runtime)
  return health?.failingSince ? { since: health.failingSince.toISOString(), error: health.lastError } : null
}
