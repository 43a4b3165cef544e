import type { Logger } from 'pino'
import type { Database, Db } from '@/db/client'
import type { Config } from '@/lib/config'
import type { MasterKey } from '@/lib/crypto/master-key'
import type { SigningKeys } from '@/lib/crypto/signing-keys'
import type { FileStorage } from '@/lib/files/storage'
import type { MailTransport } from '@/lib/notify/mail-transport'
import type { VapidKeys } from '@/lib/notify/vapid-keys'

/** Everything resolved once at boot and shared by every request of this process. */
export interface Runtime {
  config: Config
  log: Logger
  database: Database
  db: Db
  masterKey: MasterKey
  signingKeys: SigningKeys
  authSecret: string
  /** Keys the hash of recovery codes (lib/auth/recovery-codes.ts). */
  recoveryCodeKey: Buffer
  /** SMTP_URL, or the log when it is unset (lib/notify/mail-transport.ts). */
  mail: MailTransport
  /** Web Push keys (VAPID_*, else generated once and sealed in the registry). */
  vapid: VapidKeys
  /** Encrypted file bytes: DATA_DIR/files or the S3 bucket (FILE_STORAGE). */
  files: FileStorage
}
