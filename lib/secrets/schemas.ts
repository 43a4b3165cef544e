import { z } from 'zod'
import { listQuerySchema, MAX_INTEGER } from '@/lib/http/list-query'
import { orgPathSchema } from '@/lib/orgs/schemas'

// API.md: ^[A-Z_][A-Z0-9_]{0,127}$, checked as characters and length so each gets its own message.
const SECRET_NAME_CHARACTERS = /^[A-Z_][A-Z0-9_]*$/
export const MAX_SECRET_BYTES = 64 * 1024

export const secretNameSchema = z
  .string({ message: 'Enter a name.' })
  .min(1, 'Enter a name.')
  .max(128, 'Use at most 128 characters.')
  .regex(
    SECRET_NAME_CHARACTERS,
    'Use capital letters, digits and underscores, not starting with a digit (DATABASE_URL).',
  )

export const secretValueSchema = z
  .string({ message: 'Enter a value.' })
  .refine((value) => Buffer.byteLength(value, 'utf8') <= MAX_SECRET_BYTES, 'The value is over 64 KiB.')

export const secretNoteSchema = z.string().trim().max(500, 'Use at most 500 characters.')

export const secretPathSchema = orgPathSchema.extend({ name: secretNameSchema })

export const putSecretBodySchema = z
  .strictObject({ value: secretValueSchema, note: secretNoteSchema.optional() })
  .meta({ examples: [{ value: 'postgres://app:s3cret@db.internal:5432/app', note: 'rotated after the incident' }] })

export const getSecretQuerySchema = z.object({
  version: z.coerce
    .number()
    .int('Give a whole version number.')
    .min(1, 'Versions start at 1.')
    .max(MAX_INTEGER, `Versions go up to ${MAX_INTEGER}.`)
    .optional(),
})

export const exportQuerySchema = z.object({
  format: z.enum(['dotenv', 'json'], { message: 'Use format=dotenv or format=json.' }).default('dotenv'),
})

export const listSecretsQuerySchema = listQuerySchema

export const secretSummaryResponse = z
  .object({ name: z.string(), version: z.number(), createdAt: z.date(), updatedAt: z.date(), updatedBy: z.string() })
  .transform((secret) => ({
    name: secret.name,
    version: secret.version,
    created_at: secret.createdAt,
    updated_at: secret.updatedAt,
    updated_by: secret.updatedBy,
  }))

export const putSecretResponse = z.object({ name: z.string(), version: z.number() })

export const secretValueResponse = z
  .object({ name: z.string(), value: z.string(), version: z.number(), updatedAt: z.date() })
  .transform((secret) => ({
    name: secret.name,
    value: secret.value,
    version: secret.version,
    updated_at: secret.updatedAt,
  }))

export const secretVersionResponse = z
  .object({ version: z.number(), createdAt: z.date(), createdBy: z.string(), note: z.string().nullable() })
  .transform((row) => ({ version: row.version, created_at: row.createdAt, created_by: row.createdBy, note: row.note }))
