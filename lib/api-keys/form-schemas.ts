import { z } from 'zod'
import { apiKeyNameSchema, createApiKeyBodySchema } from './schemas'

export const EXPIRY_PRESETS = {
  '7': '7 days',
  '30': '30 days',
  '90': '90 days',
  '365': '1 year',
  never: 'Never',
} as const

const checked = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  createApiKeyBodySchema.shape.scopes,
)

export const createApiKeyFormSchema = z.object({
  name: apiKeyNameSchema,
  scopes: checked,
  expires_in: z.enum(Object.keys(EXPIRY_PRESETS) as [keyof typeof EXPIRY_PRESETS], {
    message: 'Choose when the key expires.',
  }),
})

export const revokeApiKeyFormSchema = z.object({ key_id: z.string().min(1).max(100) })

export function expiryFromPreset(preset: keyof typeof EXPIRY_PRESETS, now = Date.now()): Date | null {
  return preset === 'never' ? null : new Date(now + Number(preset) * 86_400_000)
}
