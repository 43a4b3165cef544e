import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CliError, usage } from '../errors.mjs'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** A database URL with a password in it would show in `ps` and shell history: the password goes elsewhere. */
function databaseUrlFlag(value) {
  let url
  try {
    url = new URL(value)
  } catch {
    throw usage('--database-url must be a postgres:// URL')
  }
  if (url.password)
    throw usage(
      '--database-url must not carry a password (ps and shell history would show it): set DATABASE_URL or PGPASSWORD in the environment, or DATABASE_URL in gatehouse.toml',
    )
  return value
}

/** The flags as the variables they stand for (SPEC §3: flags > environment > gatehouse.toml). */
function flagVariables(options) {
  const flags = {
    PORT: options.port,
    BIND_HOST: options.bind,
    APP_URL: options.appUrl,
    // Paths on the command line are where the operator is, not the app's directory.
    DATA_DIR: options.dataDir && resolve(options.dataDir),
    DATABASE_URL: options.databaseUrl && databaseUrlFlag(options.databaseUrl),
    LOG_LEVEL: options.logLevel,
  }
  return Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined))
}

/**
 * `gatehouse serve`: what `npm start` does (build if needed, then the production server in this
 * process, in the app's directory), with the non-secret settings as flags. A gatehouse.toml in the
 * current directory (as `gatehouse init` writes it) is the configuration file unless GATEHOUSE_CONFIG names one.
 */
export async function serve(context, options) {
  const flags = flagVariables(options)
  if (context.env.GATEHOUSE_CONFIG !== undefined) {
    if (context.env.GATEHOUSE_CONFIG) process.env.GATEHOUSE_CONFIG = resolve(context.env.GATEHOUSE_CONFIG)
  } else if (existsSync('gatehouse.toml')) process.env.GATEHOUSE_CONFIG = resolve('gatehouse.toml')
  process.chdir(ROOT)
  const { buildIfNeeded } = await import('../../scripts/build-if-needed.mjs')
  const { startGatehouse } = await import('../../scripts/server.mjs')
  buildIfNeeded()
  try {
    await startGatehouse({ dir: ROOT, flags })
  } catch (error) {
    throw new CliError('start_failed', `Gatehouse could not start: ${error.message}`)
  }
}
