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
