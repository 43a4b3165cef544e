import { pingDatabase } from '@/db/client'
import { AppError } from '@/lib/errors'
import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { rateLimitStoreOf } from '@/lib/ratelimit/limits'
import { storeFailureOf } from '@/lib/ratelimit/store-health'

// GET /api/ready: readiness; 200 when the database answers (with the rate-limit store's state), 503 otherwise (public)
export const GET = route(
  {
    summary: 'readiness; 200 when the database answers, with the rate-limit store’s state; 503 otherwise',
    auth: 'none',
  },
  async ({ runtime }) => {
    try {
      await pingDatabase(runtime.database)
    } catch {
      throw new AppError('unavailable', 'The database is not reachable')
    }
    // Limits fail open while their store is down: still ready, but an operator must see it.
    const failure = storeFailureOf(runtime)
    const store = await rateLimitStoreOf(runtime)
    return json({
      status: 'ready',
      checks: {
        database: { status: 'ok' },
        rate_limit_store: store ? { status: failure ? 'failing' : 'ok', store, ...failure } : { status: 'disabled' },
      },
    })
  },
)
