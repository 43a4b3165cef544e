import 'server-only'
import webpush from 'web-push'
import type { Executor } from '@/db/client'
import type { Config } from '@/lib/config'
import type { MasterKey } from '@/lib/crypto/master-key'
import { ensureSealed } from '@/lib/crypto/registry'

export interface VapidKeys {
  /** The P-256 public key, base64url: the applicationServerKey browsers subscribe with. */
  publicKey: string
  privateKey: string
  /** mailto: or https: (RFC 8292): whom a push service contacts about this sender. */
  subject: string
  source: 'env' | 'registry'
}

/** VAPID_SUBJECT, else mailto: ADMIN_CONTACT_EMAIL, else APP_URL when https, else a local mailto:. */
export function vapidSubject(config: Pick<Config, 'vapid' | 'adminContact' | 'appUrl'>): string {
  if (config.vapid.subject) return config.vapid.subject
  if (config.adminContact.email) return `mailto:${config.adminContact.email}`
  return config.appUrl.startsWith('https://') ? config.appUrl : 'mailto:gatehouse@localhost'
}

/**
 * VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, else a pair generated once and kept sealed in the
 * registry: the same keys on every instance and across restarts, or every browser's subscription
 * would stop working.
 */
export async function resolveVapidKeys(
  db: Executor,
  masterKey: MasterKey,
  config: Pick<Config, 'vapid' | 'adminContact' | 'appUrl'>,
): Promise<VapidKeys> {
  const subject = vapidSubject(config)
  if (config.vapid.publicKey && config.vapid.privateKey)
    return { publicKey: config.vapid.publicKey, privateKey: config.vapid.privateKey, subject, source: 'env' }
  const stored = await ensureSealed(db, masterKey, 'vapid.keys', () => JSON.stringify(webpush.generateVAPIDKeys()))
  const { publicKey, privateKey } = JSON.parse(stored) as { publicKey: string; privateKey: string }
  return { publicKey, privateKey, subject, source: 'registry' }
}
