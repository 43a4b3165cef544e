import 'server-only'
import type { Sealed } from './aead'
import type { MasterKey } from './master-key'
import { openWithDataKey, sealWithDataKey, type WrappedDataKey } from './org-data-keys'

/** Where a secret value belongs: sealed values are bound to all three. */
export interface SecretValueRef {
  orgId: string
  name: string
  version: number
}

// A value copied to another org, name or version fails authentication rather than opening.
const aadFor = (ref: SecretValueRef) => `secret:${ref.orgId}:${ref.name}:${ref.version}`

export function sealSecretValue(masterKey: MasterKey, dataKey: WrappedDataKey, ref: SecretValueRef, value: string) {
  return sealWithDataKey(masterKey, dataKey, value, aadFor(ref))
}

/** Throws DecryptError when the ciphertext was tampered with or belongs to another row. */
export function openSecretValue(
  masterKey: MasterKey,
  dataKey: WrappedDataKey,
  ref: SecretValueRef,
  sealed: Pick<Sealed, 'nonce' | 'ciphertext'>,
): string {
  return openWithDataKey(masterKey, dataKey, sealed, aadFor(ref)).toString('utf8')
}
