import { pingDatabase } from '@/db/client'
import { authenticateRequest } from '@/lib/auth/authenticate-request'
import { safeEqual } from '@/lib/crypto/hash'
import { AppError } from '@/lib/errors'
import { route } from '@/lib/http/route'
import { metrics } from '@/lib/metrics/registry'

// GET /api/metrics: Prometheus text (METRICS_TOKEN as a bearer, or an instance admin)
export const GET = route({ summary: 'Prometheus text', auth: 'none' }, async ({ request, runtime }) => {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]
  const token = runtime.config.metricsToken
  const byToken = Boolean(token && bearer && safeEqual(bearer, token))
  if (!byToken) {
    const principal = await authenticateRequest(runtime, {
      authorization: request.headers.get('authorization'),
      cookie: (name) => request.cookies.get(name)?.value,
      host: request.headers.get('host') ?? request.nextUrl.host,
    }).catch(() => null)
    if (!(principal?.type === 'user' && principal.user.isAdmin))
      throw new AppError(
        'unauthenticated',
        'Send METRICS_TOKEN as "Authorization: Bearer <token>", or sign in as an administrator',
      )
  }
  const { registry, ready } = metrics()
  ready.set(
    await pingDatabase(runtime.database).then(
      () => 1,
      () => 0,
    ),
  )
  return new Response(await registry.metrics(), { headers: { 'Content-Type': registry.contentType } })
})
