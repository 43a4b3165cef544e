import { z } from 'zod'

/** Trimmed and lower-cased: e-mail addresses are unique regardless of case. */
export const emailSchema = z
  .string({ message: 'Enter an e-mail address.' })
  .trim()
  .toLowerCase()
  .max(254, 'Use at most 254 characters.')
  .pipe(z.email({ message: 'Enter a valid e-mail address.' }))

export const nameSchema = z
  .string({ message: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(100, 'Use at most 100 characters.')

/** Shape only; the configured policy is checked separately (passwordPolicyErrors). */
export const passwordInputSchema = z
  .string({ message: 'Enter a password.' })
  .min(1, 'Enter a password.')
  .max(256, 'Use at most 256 characters.')

export const userResponse = z
  .object({ id: z.string(), email: z.string(), name: z.string().nullable(), isAdmin: z.boolean() })
  .transform((user) => ({ id: user.id, email: user.email, name: user.name, is_admin: user.isAdmin }))

export const meResponse = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    isAdmin: z.boolean(),
    emailVerified: z.boolean(),
    mfaEnabled: z.boolean(),
    primaryOrgId: z.string().nullable(),
    orgs: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string(), role: z.string() })),
    auth: z.object({
      type: z.enum(['session', 'access_token', 'api_key', 'internal']),
      keyId: z.string().optional(),
      scopes: z.array(z.string()).optional(),
    }),
  })
  .transform((me) => ({
    id: me.id,
    email: me.email,
    name: me.name,
    is_admin: me.isAdmin,
    email_verified: me.emailVerified,
    mfa_enabled: me.mfaEnabled,
    primary_org_id: me.primaryOrgId,
    orgs: me.orgs,
    auth: { type: me.auth.type, ...(me.auth.keyId ? { key_id: me.auth.keyId, scopes: me.auth.scopes } : {}) },
  }))
