import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'

// GET /api/v1/push/vapid-public-key: the key browsers subscribe to this instance's notifications with (public)
export const GET = route(
  { summary: "the key browsers subscribe to this instance's notifications with", auth: 'none' },
  async ({ runtime }) => json({ public_key: runtime.vapid.publicKey }),
)
