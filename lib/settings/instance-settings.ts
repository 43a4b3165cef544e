import 'server-only'
import { eq } from 'drizzle-orm'
import type { Executor } from '@/db/client'
import { instanceSettings } from '@/db/schema'
import type { Config } from '@/lib/config'
import type { Runtime } from '@/lib/runtime'
import {
  SETTING_PATHS,
  SETTING_VARIABLES,
  type SettingPath,
  type SettingsResponse,
  type SettingsValues,
  settingsValuesSchema,
} from './schemas'

/** The settings in force, in the shapes the code that obeys them takes (Config's own). */
export interface InstanceSettings
  extends Pick<Config, 'enableRegistration' | 'defaultUserRole' | 'passwordPolicy' | 'turnstile'> {
  values: SettingsValues
  locked: SettingPath[]
  updatedAt: Date | null
}

function valuesOfConfig(config: Config): SettingsValues {
  const { passwordPolicy: policy, turnstile } = config
  return {
    enable_registration: config.enableRegistration,
    default_user_role: config.defaultUserRole,
    password_policy: {
      min_length: policy.minLength,
      require_uppercase: policy.requireUppercase,
      require_symbol: policy.requireSymbol,
    },
    turnstile: {
      enabled: turnstile.enabled,
      require_on_login: turnstile.requireOnLogin,
      require_on_register: turnstile.requireOnRegister,
      require_on_password_change: turnstile.requireOnPasswordChange,
    },
  }
}

/** Turnstile can be on only with both keys: without them every form it guards would be refused. */
export function hasTurnstileKeys(config: Pick<Config, 'turnstile'>): boolean {
  return Boolean(config.turnstile.siteKey && config.turnstile.secretKey)
}

export function lockedSettings(config: Config): SettingPath[] {
  return SETTING_PATHS.filter((path) => config.sources[SETTING_VARIABLES[path]] !== undefined)
}

function withValue(values: SettingsValues, path: SettingPath, value: unknown): SettingsValues {
  const [group, field] = path.split('.') as [keyof SettingsValues, string | undefined]
  const next = structuredClone(values) as Record<string, unknown>
  if (field) (next[group] as Record<string, unknown>)[field] = value
  else next[group] = value
  return next as SettingsValues
}

/**
 * Configuration first where it set a value (locked), then what an admin stored, then the default.
 * A stored value that no longer validates (hand-edited, or from an older version) is ignored.
 */
export function effectiveSettings(config: Config, stored: Record<string, unknown>, updatedAt: Date | null = null) {
  const locked = lockedSettings(config)
  let values = valuesOfConfig(config)
  for (const path of SETTING_PATHS) {
    if (locked.includes(path) || !(path in stored)) continue
    const candidate = withValue(values, path, stored[path])
    if (settingsValuesSchema.safeParse(candidate).success) values = candidate
  }
  if (!hasTurnstileKeys(config)) values.turnstile.enabled = false
  const settings: InstanceSettings = {
    values,
    locked,
    updatedAt,
    enableRegistration: values.enable_registration,
    defaultUserRole: values.default_user_role,
    passwordPolicy: {
      minLength: values.password_policy.min_length,
      requireUppercase: values.password_policy.require_uppercase,
      requireSymbol: values.password_policy.require_symbol,
    },
    turnstile: {
      ...config.turnstile,
      enabled: values.turnstile.enabled,
      requireOnLogin: values.turnstile.require_on_login,
      requireOnRegister: values.turnstile.require_on_register,
      requireOnPasswordChange: values.turnstile.require_on_password_change,
    },
  }
  return settings
}

export async function readStoredSettings(db: Executor, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select({ values: instanceSettings.values, updatedAt: instanceSettings.updatedAt })
    .from(instanceSettings)
    .where(eq(instanceSettings.id, 1))
  const [row] = options.forUpdate ? await query.for('update') : await query
  return row ?? { values: {}, updatedAt: null }
}

// Every instance re-reads the row at most this long after a change elsewhere (the contract says 5 s).
export const SETTINGS_TTL_MS = 2000

const cached = new WeakMap<object, { loadedAt: number; settings: Promise<InstanceSettings> }>()

/** The settings in force, read from the database at most every SETTINGS_TTL_MS per process. */
export function getInstanceSettings(
  runtime: Pick<Runtime, 'db' | 'config'>,
  now = Date.now(),
): Promise<InstanceSettings> {
  const hit = cached.get(runtime.db)
  if (hit && now - hit.loadedAt < SETTINGS_TTL_MS) return hit.settings
  const settings = readStoredSettings(runtime.db).then((row) =>
    effectiveSettings(runtime.config, row.values, row.updatedAt),
  )
  cached.set(runtime.db, { loadedAt: now, settings })
  settings.catch(() => cached.delete(runtime.db))
  return settings
}

/** After a change on this instance: its next request reads the new row at once. */
export function forgetCachedSettings(runtime: Pick<Runtime, 'db'>): void {
  cached.delete(runtime.db)
}

export function settingsJson(config: Config, settings: InstanceSettings): SettingsResponse {
  const lockedBy: SettingsResponse['locked_by'] = {}
  for (const path of settings.locked) {
    const variable = SETTING_VARIABLES[path]
    lockedBy[path] = { variable, source: config.sources[variable] ?? 'environment' }
  }
  return {
    ...settings.values,
    locked: settings.locked,
    locked_by: lockedBy,
    turnstile_keys_configured: hasTurnstileKeys(config),
    updated_at: settings.updatedAt,
  }
}
