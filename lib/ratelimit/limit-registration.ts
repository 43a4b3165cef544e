import 'server-only'
import type { RequestMeta } from '@/lib/audit/types'
import type { Runtime } from '@/lib/runtime'
import { consume } from './limits'

/** Mass sign-ups from one address share the sign-in budget of that address (RATE_LIMIT_AUTH a minute). */
export function limitRegistration(runtime: Runtime, meta: RequestMeta) {
  return consume(runtime, [{ bucket: 'auth_ip', key: meta.ip ?? 'unknown' }])
}
