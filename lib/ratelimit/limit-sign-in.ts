import 'server-only'
import type { RequestMeta } from '@/lib/audit/types'
import type { Runtime } from '@/lib/runtime'
import { consume } from './limits'

/**
 * Password guessing: RATE_LIMIT_AUTH attempts a minute per address and per account, on the API and
 * the sign-in forms alike. The account bucket stops a spread of addresses trying one e-mail.
 */
export function limitSignIn(runtime: Runtime, meta: RequestMeta, email: string) {
  return consume(runtime, [
    { bucket: 'auth_ip', key: meta.ip ?? 'unknown' },
    { bucket: 'auth_account', key: email.trim().toLowerCase() },
  ])
}

/** A passkey sign-in names no account until it is verified: RATE_LIMIT_AUTH ceremonies a minute per address. */
export function limitPasskeySignIn(runtime: Runtime, meta: RequestMeta) {
  return consume(runtime, [{ bucket: 'auth_ip', key: meta.ip ?? 'unknown' }])
}
