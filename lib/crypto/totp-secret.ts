import 'server-only'
import type { Sealed } from './aead'
import { type MasterKey, openWithMasterKey, sealWithMasterKey } from './master-key'

// The user id is the associated data: a secret copied onto another user's row fails to open.
const aadFor = (userId: string) => `totp:${userId}`

/** Seals a user's TOTP secret under the master key for the totp_credentials row. */
export function sealTotpSecret(masterKey: MasterKey, userId: string, secret: string): Sealed {
  return sealWithMasterKey(masterKey, secret, aadFor(userId))
}

/** The secret of a totp_credentials row; a row whose secret was copied from another user's fails. */
export function openTotpSecret(
  masterKey: MasterKey,
  credential: { userId: string; secretNonce: string; secretCiphertext: string; keyId: string },
): string {
  return openWithMasterKey(
    masterKey,
    { nonce: credential.secretNonce, ciphertext: credential.secretCiphertext, keyId: credential.keyId },
    aadFor(credential.userId),
  ).toString('utf8')
}

/** A user's TOTP secret sealed again under the current master key (rotation); `null` when it already is. */
export function rewrapTotpSecret(
  masterKey: MasterKey,
  credential: { userId: string; secretNonce: string; secretCiphertext: string; keyId: string },
): Sealed | null {
  if (credential.keyId === masterKey.keyId) return null
  return sealTotpSecret(masterKey, credential.userId, openTotpSecret(masterKey, credential))
}
