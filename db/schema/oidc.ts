import { sql } from 'drizzle-orm'
import { boolean, check, jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './columns'
import { organizations } from './orgs'

/** The endpoints of a provider's discovery document as last accepted by an administrator. */
export interface StoredDiscovery {
  issuer: string
  authorization_endpoint: string
  token_endpoint: string
  jwks_uri: string
  userinfo_endpoint?: string
}

/**
 * OpenID Connect providers that administrators configure at runtime. The client secret is not here:
 * it is sealed in the registry under `oidc.client_secret.<id>` (lib/oidc/provider-secret.ts).
 */
export const oidcProviders = pgTable(
  'oidc_providers',
  {
    id: id(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    issuer: text('issuer').notNull(),
    clientId: text('client_id').notNull(),
    scopes: text('scopes').array().notNull().default(sql`'{openid,email,profile}'::text[]`),
    allowedDomains: text('allowed_domains').array().notNull().default(sql`'{}'::text[]`),
    defaultOrgId: text('default_org_id').references(() => organizations.id, { onDelete: 'set null' }),
    defaultRole: text('default_role'),
    enabled: boolean('enabled').notNull().default(true),
    discovery: jsonb('discovery').$type<StoredDiscovery>().notNull(),
    /** A sign-in found the endpoints moved (drift): refused until an administrator saves the provider again. */
    needsReview: boolean('needs_review').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [check('oidc_providers_slug_shape', sql`${table.slug} ~ '^[a-z0-9][a-z0-9-]{0,62}$'`)],
)

export type OidcProvider = typeof oidcProviders.$inferSelect
