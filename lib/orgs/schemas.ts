import { z } from 'zod'
import { checkboxField } from '@/lib/actions/form-fields'
import { isIdShaped } from '@/lib/rbac/org-ref'

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/

export const orgNameSchema = z
  .string({ message: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(80, 'Use at most 80 characters.')
export const orgSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(SLUG_PATTERN, 'Use 1 to 48 lowercase letters, digits and dashes, starting and ending with a letter or digit.')
  // {org} takes an id or a slug: a slug shaped like an id could stand in for another organization.
  .refine((slug) => !isIdShaped(slug), 'A slug cannot have the shape of an organization id (a UUID).')

export const createOrgBodySchema = z
  .strictObject({ name: orgNameSchema, slug: orgSlugSchema.optional() })
  .meta({ examples: [{ name: 'Platform team', slug: 'platform' }] })
export const updateOrgBodySchema = z
  .strictObject({
    name: orgNameSchema.optional(),
    require_mfa: z.boolean().optional(),
    guest_access: z
      .boolean()
      .optional()
      .meta({ description: 'Anonymous visitors may read the org and its files (owners only; needs ALLOW_GUEST_MODE)' }),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'Send name, require_mfa or guest_access.',
  })
  .meta({ examples: [{ name: 'Platform', require_mfa: true }, { guest_access: true }] })

export const orgPathSchema = z.object({ org: z.string().min(1).max(100) })

export const orgSummaryResponse = z
  .object({ id: z.string(), slug: z.string(), name: z.string(), role: z.string() })
  .transform(({ id, slug, name, role }) => ({ id, slug, name, role }))

export const orgResponse = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    createdAt: z.date(),
    requireMfa: z.boolean(),
    guestAccess: z.boolean(),
  })
  .transform((org) => ({
    id: org.id,
    slug: org.slug,
    name: org.name,
    created_at: org.createdAt.toISOString(),
    require_mfa: org.requireMfa,
    guest_access: org.guestAccess,
  }))

/** "Acme Corp." → "acme-corp" */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '')
  if (isIdShaped(slug)) return `org-${slug}`
  return slug || 'org'
}

/** The console's form: an empty slug field means "derive it from the name". */
export const createOrgFormSchema = z.object({
  name: orgNameSchema,
  slug: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .pipe(orgSlugSchema.optional()),
})

export const updateOrgFormSchema = z.object({
  name: orgNameSchema,
  require_mfa: checkboxField(),
})

/** The owners' switch on the settings page: an unchecked switch sends nothing, which means off. */
export const guestAccessFormSchema = z.object({
  guest_access: checkboxField(),
})

export const deleteOrgFormSchema = z.object({})
