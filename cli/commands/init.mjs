import { randomBytes } from 'node:crypto'
import { resolve } from 'node:path'
import { stringify } from 'smol-toml'
import { usage } from '../errors.mjs'
import { writeNewFile } from '../files.mjs'
import { ask, isInteractive } from '../prompts.mjs'

function appUrlOf(value) {
  if (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)) return new URL(value).origin
  throw usage(`the public URL must be http(s)://host[:port], not ${JSON.stringify(value)}`)
}

function databaseUrlOf(value) {
  if (!value) return undefined
  if (URL.canParse(value) && /^postgres(ql)?:$/.test(new URL(value).protocol)) return value
  throw usage(`the database must be a postgres:// URL, or empty for the embedded one, not ${JSON.stringify(value)}`)
}

/** The answers: flags first, then a question on a terminal, else the default. */
async function answers(options) {
  const interactive = isInteractive()
  const question = async (flag, prompt, fallback) => {
    if (flag !== undefined) return flag
    if (!interactive) return fallback
    return (await ask(`${prompt}${fallback ? ` [${fallback}]` : ''}: `)) || fallback
  }
  const appUrl = appUrlOf(
    await question(options.appUrl, 'Public URL people open Gatehouse at', 'http://localhost:3000'),
  )
  const databaseUrl = databaseUrlOf(
    await question(options.databaseUrl, 'PostgreSQL URL (empty: the embedded database in the data directory)', ''),
  )
  const dataDir = resolve(await question(options.dataDir, 'Data directory', './data'))
  return { appUrl, databaseUrl, dataDir }
}

/**
 * `gatehouse init`: writes gatehouse.toml (never over an existing one, mode 0600) with the answers
 * and freshly generated secrets, and says what must be backed up.
 */
export async function init(context, options) {
  const path = resolve(options.file ?? context.env.GATEHOUSE_CONFIG ?? 'gatehouse.toml')
  const { appUrl, databaseUrl, dataDir } = await answers(options)
  const settings = {
    APP_URL: appUrl,
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    GATEHOUSE_MASTER_KEY: randomBytes(32).toString('base64'),
    GATEHOUSE_INTERNAL_TOKEN: randomBytes(32).toString('base64url'),
    METRICS_TOKEN: randomBytes(32).toString('base64url'),
  }
  const text = [
    `# Gatehouse configuration, written by gatehouse init on ${new Date().toISOString().slice(0, 10)}.`,
    '# Keys are the variables of the README; the environment and `gatehouse serve` flags win over them.',
    '# GATEHOUSE_MASTER_KEY seals every secret: keep this file private and backed up apart from the data.',
    '',
    stringify(settings),
  ].join('\n')
  writeNewFile(path, text, 0o600)
  context.out(
    [
      `Wrote ${path} (readable by you only).`,
      '',
      'Back up, and keep apart from each other:',
      `  - ${path}: its GATEHOUSE_MASTER_KEY opens every secret, file and key; without it no backup can be read.`,
      databaseUrl
        ? '  - the PostgreSQL database it names.'
        : `  - the data directory ${dataDir} (the embedded database and stored files).`,
      '',
      'METRICS_TOKEN is the bearer token Prometheus scrapes /api/metrics with; GATEHOUSE_INTERNAL_TOKEN is a',
      'service credential with every organization permission: give it only to your own automation.',
      '',
      `Start Gatehouse here with: gatehouse serve   (then open ${appUrl})`,
    ].join('\n'),
  )
}
