import 'server-only'
import type { Executor } from '@/db/client'
import type { MasterKey } from '@/lib/crypto/master-key'
import { deleteRegistryValue, putSealed, readSealed } from '@/lib/crypto/registry'

// Sealed in the registry, so that master-key rotation re-wraps it with every other secret there.
const secretName = (providerId: string) => `oidc.client_secret.${providerId}`

export function storeClientSecret(db: Executor, masterKey: MasterKey, providerId: string, secret: string) {
  return putSealed(db, masterKey, secretName(providerId), secret)
}

export function readClientSecret(db: Executor, masterKey: MasterKey, providerId: string) {
  return readSealed(db, masterKey, secretName(providerId))
}

export function deleteClientSecret(db: Executor, providerId: string) {
  return deleteRegistryValue(db, secretName(providerId))
}
