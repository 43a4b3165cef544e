import 'server-only'
import { generateSecret, generateURI, verify } from 'otplib'

/** A new base32 TOTP secret (160 bits, as RFC 4226 recommends). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 })
}

/** The otpauth:// URL an authenticator app scans: issuer AUTH_TOTP_ISSUER, the e-mail as label. */
export function totpUrl(issuer: string, email: string, secret: string): string {
  return generateURI({ issuer, label: email, secret })
}

/**
 * Checks a 6-digit code, a step either side for clock drift. `afterTimeStep` is the step of the
 * last accepted code: that code and older ones are refused, so a code cannot be replayed.
 */
export async function checkTotpCode(
  secret: string,
  code: string,
  afterTimeStep: number | null,
): Promise<{ valid: true; timeStep: number } | { valid: false }> {
  const token = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(token)) return { valid: false }
  const result = await verify({
    secret,
    token,
    epochTolerance: 30,
    ...(afterTimeStep === null ? {} : { afterTimeStep }),
  })
  // The functional API's result type also covers HOTP, which has no time step.
  return result.valid && 'timeStep' in result ? { valid: true, timeStep: result.timeStep } : { valid: false }
}
