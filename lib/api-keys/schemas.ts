import { z } from 'zod'
import { listQuerySchema } from '@/lib/http/list-query'
import { PERMISSIONS } from '@/lib/rbac/permissions'

export const apiKeyNameSchema = z
  .string({ message: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(80, 'Use at most 80 characters.')

export const createApiKeyBodySchema = z
  .strictObject({
    name: apiKeyNameSchema,
    org_id: z.string({ message: 'Choose an organization.' }).min(1, 'Choose an organization.').max(100),
    scopes: z
      .array(z.enum(PERMISSIONS, { message: 'Unknown permission.' }))
      .min(1, 'Choose at least one scope.')
      .max(PERMISSIONS.length)
      .transform((scopes) => [...new Set(scopes)]),
    expires_at: z.iso
      .datetime({ offset: true, message: 'Use an ISO 8601 date and time, such as 2027-01-31T00:00:00Z.' })
      .transform((value) => new Date(value))
      .refine((date) => date.getTime() > Date.now(), { message: 'Choose a time in the future.' })
      .nullish(),
  })
  .meta({
    examples: [{ name: 'CI deploys', org_id: 'platform', scopes: ['secret:read'], expires_at: '2030-01-01T00:00:00Z' }],
  })

export const apiKeyPathSchema = z.object({ id: z.string().min(1).max(100) })
export const listApiKeysQuerySchema = listQuerySchema.extend({ org_id: z.string().max(100).optional() })

const apiKeyFields = {
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  orgId: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.date(),
  expiresAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
}

const toJson = (key: {
  id: string
  name: string
  prefix: string
  orgId: string
  scopes: string[]
  createdAt: Date
  expiresAt: Date | null
  lastUsedAt: Date | null
}) => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  org_id: key.orgId,
  scopes: key.scopes,
  created_at: key.createdAt.toISOString(),
  expires_at: key.expiresAt?.toISOString() ?? null,
  last_used_at: key.lastUsedAt?.toISOString() ?? null,
})

/** A key as listed: never the key, never its hash. */
export const apiKeyResponse = z.object(apiKeyFields).transform(toJson)
/** Only in the answer to its creation: the key itself, shown once. */
export const createdApiKeyResponse = z
  .object({ ...apiKeyFields, key: z.string() })
  .transform((key) => ({ ...toJson(key), key: key.key }))
