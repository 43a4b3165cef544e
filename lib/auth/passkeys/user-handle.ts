import 'server-only'

/**
 * The WebAuthn user handle stored with a discoverable passkey and returned when it signs in: the
 * user's opaque id, never the e-mail address (authenticators may show or sync the handle).
 */
export function userHandleOf(userId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(userId, 'utf8'))
}

/** The handle as it arrives in an assertion (base64url). */
export function userHandleMatches(userHandle: string | undefined, userId: string): boolean {
  return userHandle === undefined || userHandle === Buffer.from(userId, 'utf8').toString('base64url')
}
