import 'server-only'
import type { Config } from '@/lib/config/schema'

/**
 * WebAuthn binds every passkey to a domain: APP_URL's host is the relying-party id, its origin the
 * only origin whose answers count. A passkey made on one host never signs in on another.
 */
export function relyingParty(config: Pick<Config, 'appUrl'>) {
  const url = new URL(config.appUrl)
  return { id: url.hostname, name: 'Gatehouse', origin: url.origin }
}

/** What every answer must show: our challenge, our origin and RP id, and a verified user (PIN or biometric). */
export function answerExpectations(config: Pick<Config, 'appUrl'>, challenge: string) {
  const rp = relyingParty(config)
  return { expectedChallenge: challenge, expectedOrigin: rp.origin, expectedRPID: rp.id, requireUserVerification: true }
}
