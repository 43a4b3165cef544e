import { ACCOUNT_DISABLED } from '@/lib/auth/account-disabled'

/** The codes a single sign-on callback ends with on /login?error=… (API.md), each with what the user reads. */
export const SSO_ERROR_MESSAGES = {
  sso_failed:
    'Single sign-on did not complete. The sign-in may have expired or been used already, or the identity provider refused it. Try again.',
  sso_domain_not_allowed:
    'Your identity provider signed you in, but accounts from your e-mail domain cannot sign in here. Ask an administrator.',
  sso_email_unverified:
    'Your identity provider has not verified your e-mail address, so no account was created. Verify it there, then try again.',
  sso_account_conflict:
    'An account with your e-mail address exists already and cannot be linked to this identity provider. Sign in with its password, or ask an administrator.',
  account_disabled: ACCOUNT_DISABLED,
} as const

export type SsoErrorCode = keyof typeof SSO_ERROR_MESSAGES

export function isSsoErrorCode(value: unknown): value is SsoErrorCode {
  return typeof value === 'string' && Object.hasOwn(SSO_ERROR_MESSAGES, value)
}

/** A single sign-on refused for a reason the user is told (`code`) and the audit log records (`reason`). */
export class SsoRefusal extends Error {
  override name = 'SsoRefusal'
  constructor(
    readonly code: SsoErrorCode,
    readonly reason: string,
  ) {
    super(`${code}: ${reason}`)
  }
}
