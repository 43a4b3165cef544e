import { pingDatabase } from '@/db/client'
import { AppError } from '@/lib/errors'
import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'

// GET /api/ready: readiness; 200 when the database answers, 503 otherwise (public)
export const GET = route(
  { summary: 'readiness; 200 when the database answers, 503 otherwise', auth: 'none' },
  async ({ runtime }) => {
    try {
      await pingDatabase(runtime.database)
    } catch {
      throw new AppError('unavailable', 'The database is not reachable')
    }
    return json({ status: 'ready' })
  },
)
