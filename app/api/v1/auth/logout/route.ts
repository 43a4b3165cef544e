import { revokeRefreshFamily } from '@/lib/auth/refresh-tokens'
import { refreshTokenBodySchema } from '@/lib/auth/schemas'
import { noContent } from '@/lib/http/respond'
import { route } from '@/lib/http/route'

// POST /api/v1/auth/logout: revoke the refresh token's family and its access tokens (public)
export const POST = route(
  { summary: "revoke the refresh token's family and its access tokens", auth: 'none', body: refreshTokenBodySchema },
  async ({ runtime, body, meta }) => {
    await revokeRefreshFamily(runtime.db, { token: body.refresh_token, meta })
    return noContent()
  },
)
