import 'server-only'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError, getConfig } from '@/lib/config'
import { boot } from './boot'

// The migrations beside this file, not under the working directory: `gatehouse keys rotate` runs in the operator's.
const MIGRATIONS = fileURLToPath(new URL('../../db/migrations', import.meta.url))

/**
 * The runtime for a command an operator runs on the server (keys rotate, admin create): on the
 * instance's existing data only. Run from the wrong directory, DATA_DIR would otherwise name an
 * empty place and the command would quietly set up a new instance there.
 */
export async function bootLocal() {
  const config = getConfig()
  if (!config.databaseUrl && !existsSync(join(config.dataDir, 'pglite')))
    throw new ConfigError(
      `no Gatehouse database in ${resolve(config.dataDir)}: run this where the server runs, or set DATA_DIR or DATABASE_URL`,
    )
  return boot({ skipFirstRun: true, migrationsFolder: MIGRATIONS })
}
