import 'server-only'
import { isWellFormedApiKey } from '@/lib/api-keys/key-format'
import type { RequestMeta } from '@/lib/audit/types'
import { consume, type RateLimitState, rateLimitHeaders } from '@/lib/ratelimit/limits'
import type { Runtime } from '@/lib/runtime'

/** The request names an API key well-formed enough to be looked up (its checksum passes). */
export function presentsApiKey(headers: Headers): boolean {
  const bearer = /^Bearer\s+(\S+)/i.exec(headers.get('authorization') ?? '')?.[1]
  const key = headers.get('x-api-key')?.trim() ?? bearer
  return key !== undefined && isWellFormedApiKey(key)
}

/** RATE_LIMIT_GLOBAL a minute and RATE_LIMIT_PER_HOUR an hour, per client address. */
export function chargeAddress(runtime: Runtime, meta: RequestMeta) {
  const key = meta.ip ?? 'unknown'
  return consume(runtime, [
    { bucket: 'global', key },
    { bucket: 'hourly', key },
  ])
}

/** A real API key spends budgets of its own, apart from its address (CI runners share addresses). */
export function chargeKey(runtime: Runtime, keyId: string) {
  return consume(runtime, [
    { bucket: 'key_minute', key: keyId },
    { bucket: 'key_hour', key: keyId },
  ])
}

export function withRateLimitHeaders(response: Response, limit: RateLimitState | null): Response {
  if (limit && !response.headers.has('X-RateLimit-Limit'))
    for (const [name, value] of Object.entries(rateLimitHeaders(limit))) response.headers.set(name, value)
  return response
}
