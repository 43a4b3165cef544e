import { existsSync, readFileSync } from 'node:fs'
import { parse as parseToml } from 'smol-toml'
import { isVercel, missingOnVercel } from './platform'
import { CONFIG_VARIABLES, type Config, type ConfigSource, type ConfigVariable, configSchema } from './schema'

export class ConfigError extends Error {
  override name = 'ConfigError'
}

type Source = Partial<Record<string, unknown>>

export interface LoadConfigOptions {
  /** Values from `gatehouse serve` flags, already named after their variable (PORT, DATA_DIR …). */
  flags?: Source
  env?: Record<string, string | undefined>
}

/** Reads gatehouse.toml: keys are the variable names, case-insensitive, flat. */
function readToml(env: Record<string, string | undefined>): Source {
  const explicit = env.GATEHOUSE_CONFIG
  const path = explicit || './gatehouse.toml'
  if (!existsSync(/* turbopackIgnore: true */ path)) {
    if (explicit) throw new ConfigError(`Invalid configuration: GATEHOUSE_CONFIG: file ${explicit} does not exist`)
    return {}
  }
  let table: Record<string, unknown>
  try {
    table = parseToml(readFileSync(/* turbopackIgnore: true */ path, 'utf8'))
  } catch (error) {
    throw new ConfigError(`Invalid configuration: ${path}: ${(error as Error).message.split('\n')[0]}`)
  }
  return Object.fromEntries(Object.entries(table).map(([key, value]) => [key.toUpperCase(), value]))
}

function pickKnown(source: Source): Source {
  const known: Source = {}
  for (const name of CONFIG_VARIABLES) {
    const value = source[name]
    if (value !== undefined && value !== '') known[name] = value
  }
  return known
}

/** Formats zod issues as one line naming each variable and what it expects, never its value. */
function describeIssues(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${String(issue.path[0] ?? 'configuration')}: ${issue.message}`).join('; ')
}

/** Where each variable that was set came from, so that settings can say which ones an admin cannot change. */
function sourcesOf(layers: [ConfigSource, Source][]): Config['sources'] {
  const sources: Config['sources'] = {}
  for (const [source, values] of layers)
    for (const name of Object.keys(values)) sources[name as ConfigVariable] = source
  return sources
}

/** Merges flags > environment > gatehouse.toml > defaults and validates them with the one schema. */
export function loadConfig({ flags = {}, env = process.env }: LoadConfigOptions = {}): Config {
  const layers: [ConfigSource, Source][] = [
    ['gatehouse.toml', pickKnown(readToml(env))],
    ['environment', pickKnown(env)],
    ['flag', pickKnown(flags)],
  ]
  const merged = Object.assign({}, ...layers.map(([, values]) => values))
  const parsed = configSchema.safeParse(merged)
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${describeIssues(parsed.error.issues)}`)
  const config = { ...parsed.data, sources: sourcesOf(layers) }
  const missing = isVercel(env) ? missingOnVercel(config) : []
  if (missing.length > 0) {
    throw new ConfigError(
      `Invalid configuration: on Vercel, set ${missing.join(', ')}: there is no persistent filesystem to keep them on`,
    )
  }
  return config
}

const CONFIG_SLOT = Symbol.for('gatehouse.config')
// `gatehouse serve` puts its flags here (scripts/server.mjs) before Next boots in the same process.
const SERVE_FLAGS_SLOT = Symbol.for('gatehouse.serve-flags')
type ConfigGlobal = typeof globalThis & { [CONFIG_SLOT]?: Config; [SERVE_FLAGS_SLOT]?: Source }

/** True inside `next build`: nothing may boot there (no database, no keys on the build machine). */
export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === 'phase-production-build'
}

/** The process-wide configuration, loaded once (instrumentation.ts loads it first at boot). */
export function getConfig(): Config {
  const holder = globalThis as ConfigGlobal
  holder[CONFIG_SLOT] ??= loadConfig({ flags: holder[SERVE_FLAGS_SLOT] })
  return holder[CONFIG_SLOT]
}
