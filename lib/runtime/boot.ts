import 'server-only'
import { type Database, openDatabase } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'
import { startShippingAuditEvents } from '@/lib/audit/ship-to-log'
import { ensureDevelopmentAdmin } from '@/lib/auth/development-admin'
import { type Config, getConfig } from '@/lib/config'
import { resolveMasterKey } from '@/lib/crypto/master-key'
import { verifyMasterKey } from '@/lib/crypto/registry'
import { resolveAuthSecret, resolveRecoveryCodeKey, resolveSigningKeys } from '@/lib/crypto/signing-keys'
import { openFileStorage } from '@/lib/files/open-file-storage'
import { getLogger } from '@/lib/log'
import { createMailTransport } from '@/lib/notify/mail-transport'
import { resolveVapidKeys } from '@/lib/notify/vapid-keys'
import { announceSetup } from '@/lib/setup/announce-setup'
import type { Runtime } from './types'

export interface BootOptions {
  config?: Config
  database?: Database
  /** Skip the first-run work (headless admin, setup token); tests that seed their own users. */
  skipFirstRun?: boolean
  /** The server's background work (audit events to the server log); not for tests and scripts. */
  background?: boolean
  /** Where the migrations are, for commands run outside the app's directory (default: under it). */
  migrationsFolder?: string
}

/** Resolves config, master key, database, migrations, key check and signing keys, in that order. */
export async function boot(options: BootOptions = {}): Promise<Runtime> {
  const config = options.config ?? getConfig()
  const log = getLogger()
  const masterKey = resolveMasterKey(config, (message) => log.warn(message))
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      onSilentDatabase: (message) => log.warn(message),
    }))
  try {
    await migrateDatabase(database, options.migrationsFolder)
    // Before anything is generated: a wrong master key must change nothing.
    await verifyMasterKey(database.db, masterKey)
    const signingKeys = await resolveSigningKeys(database.db, masterKey, config.jwt)
    const authSecret = await resolveAuthSecret(database.db, masterKey, config.authSecret)
    const recoveryCodeKey = await resolveRecoveryCodeKey(database.db, masterKey)
    const vapid = await resolveVapidKeys(database.db, masterKey, config)
    const files = await openFileStorage(config, database.db, masterKey, log)
    const runtime: Runtime = {
      config,
      log,
      database,
      db: database.db,
      masterKey,
      signingKeys,
      authSecret,
      recoveryCodeKey,
      mail: createMailTransport(config, log),
      vapid,
      files,
    }
    if (!config.authEnabled) {
      await ensureDevelopmentAdmin(runtime)
      log.warn(
        'AUTH_ENABLED=false: every request without a credential acts as an administrator. Local development only.',
      )
    }
    if (!options.skipFirstRun) await announceSetup(runtime)
    if (options.background) {
      startShippingAuditEvents(runtime)
      // Said at start rather than at the first upload; the rest of the instance works meanwhile.
      files.probe().catch((error: Error) => log.error(`file storage cannot be used: ${error.message}`))
    }
    log.info(
      {
        database: database.label,
        masterKey: { id: masterKey.keyId, source: masterKey.source },
        jwt: { alg: signingKeys.alg, kid: signingKeys.kid, source: signingKeys.source },
        files: config.fileStorage.kind === 's3' ? `s3://${config.fileStorage.s3.bucket}` : 'local',
      },
      'gatehouse is ready',
    )
    return runtime
  } catch (error) {
    // Close only what this boot opened; a database handed in belongs to the caller.
    if (!options.database) await database.close().catch(() => {})
    throw error
  }
}
