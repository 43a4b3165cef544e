import { z } from 'zod'
import { checkboxField } from '@/lib/actions/form-fields'

export const PROVIDER_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/
// A role a provider hands to the accounts it creates: never owner, as DEFAULT_USER_ROLE.
const PROVIDER_ROLES = ['admin', 'member', 'viewer'] as const

const slugSchema = z
  .string()
  .regex(PROVIDER_SLUG, 'lowercase letters, digits and dashes, starting with a letter or digit, at most 63')
const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'expected a domain such as example.com')
const scopeSchema = z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,64}$/, 'expected a scope name such as email')

const providerFields = {
  name: z.string().trim().min(1, 'required').max(100),
  issuer: z
    .string()
    .trim()
    .max(2048)
    .refine((value) => URL.canParse(value), 'expected the issuer URL, such as https://idp.example.com/realms/team'),
  client_id: z.string().trim().min(1, 'required').max(255),
  client_secret: z.string().min(1, 'required').max(1024),
  scopes: z
    .array(scopeSchema)
    .max(20)
    .refine((scopes) => scopes.includes('openid'), 'must include openid')
    .transform((scopes) => [...new Set(scopes)]),
  allowed_domains: z
    .array(domainSchema)
    .max(100)
    .transform((domains) => [...new Set(domains)]),
  default_org_id: z.string().uuid('expected an organization id').nullable(),
  default_role: z.enum(PROVIDER_ROLES, { message: 'expected admin, member or viewer' }).nullable(),
  enabled: z.boolean(),
}

export const createProviderBodySchema = z
  .object({ slug: slugSchema, ...providerFields })
  .partial({ scopes: true, allowed_domains: true, default_org_id: true, default_role: true, enabled: true })
  .strict()
  .meta({
    examples: [
      {
        slug: 'keycloak',
        name: 'Keycloak',
        issuer: 'https://sso.example.com/realms/team',
        client_id: 'gatehouse',
        client_secret: 'from-the-idp',
        allowed_domains: ['example.com'],
      },
    ],
  })

export const updateProviderBodySchema = z
  .object(providerFields)
  .partial()
  .strict()
  .meta({ examples: [{ enabled: false }] })

export const providerPathSchema = z.object({ slug: slugSchema })

export type CreateProviderBody = z.infer<typeof createProviderBodySchema>
export type UpdateProviderBody = z.infer<typeof updateProviderBodySchema>

export const providerResponse = z.object({
  slug: z.string(),
  name: z.string(),
  issuer: z.string(),
  client_id: z.string(),
  scopes: z.array(z.string()),
  allowed_domains: z.array(z.string()),
  default_org_id: z.string().nullable(),
  default_role: z.string().nullable(),
  enabled: z.boolean(),
  /** What to register at the identity provider. */
  redirect_uri: z.string(),
  needs_review: z.boolean(),
  created_at: z.date(),
  updated_at: z.date(),
})

export type ProviderResponse = z.infer<typeof providerResponse>

export const ssoDiscoverBodySchema = z
  .object({ email: z.email({ message: 'expected an e-mail address' }).max(320) })
  .strict()
  .meta({ examples: [{ email: 'ada@example.com' }] })

const words = (value: string | undefined) => (value ?? '').split(/[\s,]+/).filter(Boolean)

/** What both provider forms post: lists typed as text, empty choices as none. */
const providerFormFields = {
  name: z.string(),
  issuer: z.string(),
  client_id: z.string(),
  client_secret: z.string(),
  scopes: z.string().optional(),
  allowed_domains: z.string().optional(),
  default_org_id: z.string().optional(),
  default_role: z.string().optional(),
}

function fromForm(form: z.infer<z.ZodObject<typeof providerFormFields>>) {
  return {
    name: form.name,
    issuer: form.issuer,
    client_id: form.client_id,
    ...(words(form.scopes).length > 0 ? { scopes: words(form.scopes) } : {}),
    allowed_domains: words(form.allowed_domains),
    default_org_id: form.default_org_id || null,
    default_role: (form.default_org_id && form.default_role ? form.default_role : null) as 'member' | null,
  }
}

/** The console's "Add provider" form, then the API's own rules. */
export const createProviderFormSchema = z
  .object({ slug: z.string(), ...providerFormFields })
  // Typed as the API body's input: the pipe below checks every value, the role included.
  .transform(
    (form): z.input<typeof createProviderBodySchema> => ({
      slug: form.slug.trim(),
      ...fromForm(form),
      client_secret: form.client_secret,
    }),
  )
  .pipe(createProviderBodySchema)

/** The console's "Edit provider" form: an empty client secret keeps the stored one. */
export const updateProviderFormSchema = z
  .object({ slug: z.string().regex(PROVIDER_SLUG), ...providerFormFields, enabled: checkboxField() })
  .transform((form): z.input<typeof updateProviderBodySchema> & { slug: string } => ({
    slug: form.slug,
    ...fromForm(form),
    ...(form.client_secret ? { client_secret: form.client_secret } : {}),
    enabled: form.enabled,
  }))
  .pipe(updateProviderBodySchema.extend({ slug: z.string() }))

export const providerSlugFormSchema = z.object({ slug: z.string().regex(PROVIDER_SLUG) })

export const ssoStartQuerySchema = z.object({
  /** Where to go after signing in; anything but a same-origin path is ignored (API.md). */
  callback_url: z.string().max(2048).optional(),
  /** The e-mail typed into "Continue with SSO", passed on so the provider can skip asking for it. */
  login_hint: z.email().max(320).optional().catch(undefined),
})

/** The callback's path as any provider may send it: a malformed slug is a failed sign-in, not a 422. */
export const ssoCallbackPathSchema = z.object({ slug: z.string().max(200) })

/** The sign-in page's "Continue with SSO": a work e-mail, routed to its domain's provider. */
export const continueWithSsoFormSchema = z.object({
  email: z.email({ message: 'Enter your work e-mail address.' }).max(320),
  callbackUrl: z.string().max(2000).optional(),
})
