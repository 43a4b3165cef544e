import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'

// GET /api/health: liveness; touches no database (public)
export const GET = route({ summary: 'liveness; touches no database', auth: 'none', unlimited: true }, async () =>
  json({ status: 'ok' }),
)
