import 'server-only'
import { eq } from 'drizzle-orm'
import { instanceSettings } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditActor, RequestMeta } from '@/lib/audit/types'
import { AppError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import {
  effectiveSettings,
  forgetCachedSettings,
  getInstanceSettings,
  hasTurnstileKeys,
  type InstanceSettings,
  lockedSettings,
  readStoredSettings,
} from './instance-settings'
import {
  flattenSettings,
  type PatchSettingsBody,
  SETTING_VARIABLES,
  type SettingPath,
  type SettingsValues,
} from './schemas'

interface UpdateSettingsArgs {
  runtime: Runtime
  actor: AuditActor & { type: 'user'; id: string }
  patch: PatchSettingsBody
  meta: RequestMeta
}

function assertNotLocked(runtime: Runtime, changes: Partial<Record<SettingPath, unknown>>) {
  const locked = lockedSettings(runtime.config)
  const refused = locked.filter((path) => path in changes)
  if (refused.length === 0) return
  const named = refused.map((path) => {
    const variable = SETTING_VARIABLES[path]
    return `${path} is set by ${variable} in the ${runtime.config.sources[variable]}`
  })
  throw new AppError(
    'conflict',
    `${named.join('; ')}. Change it there and restart, or remove it to manage it here.`,
    refused.map((path) => ({ path, message: `locked by ${SETTING_VARIABLES[path]}` })),
  )
}

function flatValues(values: SettingsValues) {
  return flattenSettings(values) as Record<SettingPath, unknown>
}

/**
 * Applies an administrator's change to the instance settings, audited as settings.update with each
 * field's old and new value (none of them is secret). A field that configuration sets is refused
 * (409): the file or variable would silently win again at the next restart.
 */
export async function updateSettings({ runtime, actor, patch, meta }: UpdateSettingsArgs): Promise<InstanceSettings> {
  const changes = flattenSettings(patch)
  assertNotLocked(runtime, changes)
  if (changes['turnstile.enabled'] === true && !hasTurnstileKeys(runtime.config)) {
    const message = 'set TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY first: without them every guarded form would fail'
    throw new AppError('validation_failed', `Turnstile cannot be turned on: ${message}`, [
      { path: 'turnstile.enabled', message },
    ])
  }
  await runtime.db.transaction(async (tx) => {
    // The row is locked so that two admins saving at once are applied one after the other.
    const stored = await readStoredSettings(tx, { forUpdate: true })
    const before = flatValues(effectiveSettings(runtime.config, stored.values).values)
    const next = { ...stored.values, ...changes }
    const after = flatValues(effectiveSettings(runtime.config, next).values)
    const changed = Object.keys(changes).filter((path) => before[path as SettingPath] !== after[path as SettingPath])
    if (changed.length === 0) return
    await tx
      .update(instanceSettings)
      .set({ values: next, updatedBy: actor.id, updatedAt: new Date() })
      .where(eq(instanceSettings.id, 1))
    await recordAudit(tx, {
      action: 'settings.update',
      actor,
      target: { type: 'settings', id: 'instance' },
      meta,
      details: {
        changes: Object.fromEntries(
          changed.map((path) => [path, { from: before[path as SettingPath], to: after[path as SettingPath] }]),
        ),
      },
    })
  })
  forgetCachedSettings(runtime)
  return getInstanceSettings(runtime)
}
