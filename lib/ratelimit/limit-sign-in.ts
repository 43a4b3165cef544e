import 'server-only'
import type { RequestMeta } from '@/lib/audit/types'
import type { Runtime } from '@/lib/runtime'
import { consume } from './limits'

const accountKey = (account: string) => account.trim().toLowerCase()
const address = (meta: RequestMeta) => meta.ip ?? 'unknown'

/**
 * Password guessing: RATE_LIMIT_AUTH attempts a minute per address and account (SPEC §3), on the API
 * and the sign-in forms alike. An account's own bucket is a far higher ceiling, so that strangers
 * failing from elsewhere slow its owner down (the progressive delay) but never shut them out; one
 * address trying many accounts meets the same ceiling.
 */
export function limitSignIn(runtime: Runtime, meta: RequestMeta, account: string) {
  return consume(runtime, [
    { bucket: 'auth_attempt', key: `${address(meta)}|${accountKey(account)}` },
    { bucket: 'auth_account', key: accountKey(account) },
    { bucket: 'auth_spray', key: address(meta) },
  ])
}

/**
 * Steps that name no account yet (a passkey ceremony, a sign-up, claiming the instance): RATE_LIMIT_AUTH
 * a minute per address, so that nobody elsewhere can use up the budget of the address that is trying.
 */
export function limitAnonymousAuth(runtime: Runtime, meta: RequestMeta) {
  return consume(runtime, [{ bucket: 'auth_ip', key: address(meta) }])
}

/**
 * Looking an account up by e-mail (adding a member) says whether it exists: RATE_LIMIT_AUTH a
 * minute per address and caller, like a sign-in, so that nobody enumerates accounts through it.
 */
export function limitAccountLookup(runtime: Runtime, meta: RequestMeta, caller: string) {
  return consume(runtime, [{ bucket: 'auth_attempt', key: `${address(meta)}|lookup:${caller}` }])
}

/**
 * Mails that anyone can ask for to an address (a password reset) or its owner can ask again (a
 * verification): MAILS_PER_ACCOUNT_HOUR an hour per e-mail address, whether or not an account has
 * it, so that the answer says nothing about one and nobody floods an inbox through the forms.
 */
export function limitAccountMail(runtime: Runtime, email: string) {
  return consume(runtime, [{ bucket: 'mail_account', key: accountKey(email) }])
}
