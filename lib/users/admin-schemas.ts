import { z } from 'zod'
import { listQuerySchema } from '@/lib/http/list-query'
import { emailSchema, nameSchema, passwordInputSchema } from './schemas'

export const listUsersQuerySchema = listQuerySchema.extend({
  q: z
    .string()
    .trim()
    .max(254, 'Search with at most 254 characters.')
    // The console's search box reaches the database as text, which cannot hold NUL.
    .refine((q) => !q.includes('\u0000'), 'Search without control characters.')
    .optional(),
})

export const createUserBodySchema = z
  .strictObject({
    email: emailSchema,
    name: nameSchema,
    password: passwordInputSchema,
    is_admin: z.boolean().optional(),
  })
  .meta({
    examples: [{ email: 'grace@example.com', name: 'Grace Hopper', password: 'Compile-Time-1952', is_admin: false }],
  })
export const updateUserBodySchema = z
  .strictObject({ name: nameSchema.optional(), is_admin: z.boolean().optional(), disabled: z.boolean().optional() })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'Send name, is_admin or disabled.',
  })
  .meta({ examples: [{ disabled: true }] })
export const userPathSchema = z.object({ id: z.string().min(1).max(100) })
export const primaryOrgBodySchema = z
  .strictObject({ org_id: z.string({ message: 'Send org_id.' }).min(1).max(100) })
  .meta({ examples: [{ org_id: 'platform' }] })

export const adminUserResponse = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    isAdmin: z.boolean(),
    disabledAt: z.date().nullable(),
    createdAt: z.date(),
    lastLoginAt: z.date().nullable(),
    /** A user just created has no second factor yet. */
    mfaEnabled: z.boolean().default(false),
  })
  .transform((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    is_admin: user.isAdmin,
    disabled: user.disabledAt !== null,
    mfa_enabled: user.mfaEnabled,
    created_at: user.createdAt.toISOString(),
    last_login_at: user.lastLoginAt?.toISOString() ?? null,
  }))
