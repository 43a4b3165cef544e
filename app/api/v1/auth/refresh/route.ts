import { rotateRefreshToken } from '@/lib/auth/refresh-tokens'
import { refreshTokenBodySchema, tokenPairResponse } from '@/lib/auth/schemas'
import { tokenPair } from '@/lib/auth/sign-in'
import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'

// POST /api/v1/auth/refresh: spend a refresh token for a new pair; reuse revokes the family (public)
export const POST = route(
  {
    summary: 'spend a refresh token for a new pair; reuse revokes the family',
    auth: 'none',
    body: refreshTokenBodySchema,
  },
  async ({ runtime, body, meta }) => {
    const { userId, refresh } = await rotateRefreshToken(runtime.db, {
      token: body.refresh_token,
      ttlSeconds: runtime.config.jwt.refreshTokenTtl,
      meta,
    })
    return json(tokenPairResponse.parse(await tokenPair(runtime, userId, refresh)))
  },
)
