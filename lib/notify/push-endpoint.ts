import 'server-only'
import type { Config } from '@/lib/config'
import { AppError } from '@/lib/errors'
import { assertOutboundUrl, type OutboundPolicy, OutboundRefusal } from '@/lib/oidc/guarded-fetch'

/** Calls to push services: https and public addresses, unless PUSH_ALLOWED_ORIGINS lists the origin. */
export function pushPolicy(config: Pick<Config, 'pushAllowedOrigins'>): OutboundPolicy {
  return { trustedOrigins: config.pushAllowedOrigins, allowList: 'PUSH_ALLOWED_ORIGINS', timeoutMs: 10_000 }
}

/**
 * A subscription's endpoint is a URL this server will call: refused unless it is https on a public
 * address (its name resolved now; every send checks again), so that nobody aims the server at its
 * own network. 422 on `endpoint`, saying why.
 */
export async function assertPushEndpoint(config: Pick<Config, 'pushAllowedOrigins'>, endpoint: string): Promise<void> {
  const refuse = (message: string) =>
    new AppError('validation_failed', 'This push endpoint is not allowed', [{ path: 'endpoint', message }])
  if (!URL.canParse(endpoint)) throw refuse('Send the absolute URL of the browser’s push service.')
  const url = new URL(endpoint)
  if (url.username || url.password) throw refuse('A push endpoint carries no user name or password.')
  try {
    await assertOutboundUrl(url, pushPolicy(config))
  } catch (error) {
    if (error instanceof OutboundRefusal) throw refuse(error.message)
    throw error
  }
}
