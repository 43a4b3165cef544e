import type { Principal } from '@/lib/auth/principal'

/** The id under which the caller's own sign-in is listed: its browser session, or its refresh-token family. */
export function currentSignInOf(principal: Extract<Principal, { type: 'user' }>): string | undefined {
  return principal.via === 'session' ? principal.sessionId : principal.familyId
}
