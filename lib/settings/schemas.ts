import { z } from 'zod'
import { checkboxField } from '@/lib/actions/form-fields'

/** The instance settings an administrator may change, each with the variable that can fix it instead. */
export const SETTING_VARIABLES = {
  enable_registration: 'ENABLE_REGISTRATION',
  default_user_role: 'DEFAULT_USER_ROLE',
  'password_policy.min_length': 'PASSWORD_MIN_LENGTH',
  'password_policy.require_uppercase': 'PASSWORD_REQUIRE_UPPERCASE',
  'password_policy.require_symbol': 'PASSWORD_REQUIRE_SYMBOL',
  'turnstile.enabled': 'TURNSTILE_ENABLED',
  'turnstile.require_on_login': 'TURNSTILE_REQUIRE_ON_LOGIN',
  'turnstile.require_on_register': 'TURNSTILE_REQUIRE_ON_REGISTER',
  'turnstile.require_on_password_change': 'TURNSTILE_REQUIRE_ON_PASSWORD_CHANGE',
} as const

export type SettingPath = keyof typeof SETTING_VARIABLES
export const SETTING_PATHS = Object.keys(SETTING_VARIABLES) as SettingPath[]

// Owners are made, never handed out by default (the same choice as DEFAULT_USER_ROLE).
export const DEFAULT_ROLE_CHOICES = ['admin', 'member', 'viewer'] as const

const passwordPolicySchema = z
  .object({
    min_length: z.number().int().min(8, 'must be at least 8').max(128, 'must be at most 128'),
    require_uppercase: z.boolean(),
    require_symbol: z.boolean(),
  })
  .strict()

const turnstileSchema = z
  .object({
    enabled: z.boolean(),
    require_on_login: z.boolean(),
    require_on_register: z.boolean(),
    require_on_password_change: z.boolean(),
  })
  .strict()

export const settingsValuesSchema = z
  .object({
    enable_registration: z.boolean(),
    default_user_role: z.enum(DEFAULT_ROLE_CHOICES, { message: 'expected admin, member or viewer' }),
    password_policy: passwordPolicySchema,
    turnstile: turnstileSchema,
  })
  .strict()

export type SettingsValues = z.infer<typeof settingsValuesSchema>

export const patchSettingsBodySchema = settingsValuesSchema
  .extend({
    password_policy: passwordPolicySchema.partial(),
    turnstile: turnstileSchema.partial(),
  })
  .partial()
  .strict()
  .meta({ examples: [{ enable_registration: false, password_policy: { min_length: 14 } }] })

export type PatchSettingsBody = z.infer<typeof patchSettingsBodySchema>

const lockSchema = z.object({
  variable: z.string(),
  source: z.enum(['flag', 'environment', 'gatehouse.toml']),
})

export const settingsResponse = settingsValuesSchema.extend({
  /** Field paths set by the environment, gatehouse.toml or a flag: PATCH refuses them. */
  locked: z.array(z.enum(SETTING_PATHS as [SettingPath, ...SettingPath[]])),
  locked_by: z.record(z.string(), lockSchema),
  /** Turnstile can be switched on only when its keys are configured. */
  turnstile_keys_configured: z.boolean(),
  updated_at: z.date().nullable(),
})

export type SettingsResponse = z.infer<typeof settingsResponse>

/** `{password_policy: {min_length: 14}}` → `{'password_policy.min_length': 14}`. */
export function flattenSettings(values: PatchSettingsBody): Partial<Record<SettingPath, unknown>> {
  const flat: Partial<Record<SettingPath, unknown>> = {}
  for (const [key, value] of Object.entries(values)) {
    if (value !== null && typeof value === 'object') {
      for (const [inner, innerValue] of Object.entries(value))
        if (innerValue !== undefined) flat[`${key}.${inner}` as SettingPath] = innerValue
    } else if (value !== undefined) flat[key as SettingPath] = value
  }
  return flat
}

/** The Settings page's form: one field per setting, named by its path. */
export const settingsFormSchema = z.object({
  enable_registration: checkboxField(),
  default_user_role: z.enum(DEFAULT_ROLE_CHOICES, { message: 'Choose admin, member or viewer.' }).optional(),
  'password_policy.min_length': z.coerce
    .number({ message: 'Enter a number.' })
    .int('Enter a whole number.')
    .min(8, 'At least 8.')
    .max(128, 'At most 128.')
    .optional(),
  'password_policy.require_uppercase': checkboxField(),
  'password_policy.require_symbol': checkboxField(),
  'turnstile.enabled': checkboxField(),
  'turnstile.require_on_login': checkboxField(),
  'turnstile.require_on_register': checkboxField(),
  'turnstile.require_on_password_change': checkboxField(),
})

export type SettingsForm = z.infer<typeof settingsFormSchema>

/** The form as a PATCH, without the fields configuration locks (their controls are disabled and post nothing). */
export function patchFromForm(form: SettingsForm, locked: readonly SettingPath[]): PatchSettingsBody {
  const patch: Record<string, unknown> = {}
  for (const path of SETTING_PATHS) {
    const value = form[path]
    if (locked.includes(path) || value === undefined) continue
    const [group, field] = path.split('.')
    if (field) patch[group] = { ...(patch[group] as object | undefined), [field]: value }
    else patch[group] = value
  }
  return patch as PatchSettingsBody
}
