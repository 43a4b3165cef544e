import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'

// GET /.well-known/jwks.json: public keys that verify access tokens; empty under HS256 (public)
export const GET = route(
  { summary: 'public keys that verify access tokens; empty under HS256', auth: 'none' },
  async ({ runtime }) =>
    json({ keys: runtime.signingKeys.jwks }, { headers: { 'Cache-Control': 'public, max-age=300' } }),
)
