import { sql } from 'drizzle-orm'
import { boolean, check, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import { at, createdAt, id, updatedAt } from './columns'
import { organizations } from './orgs'

/** The endpoints of a provider's discovery document as last accepted by an administrator. */
export interface StoredDiscovery {
  issuer: string
  authorization_endpoint: string
  token_endpoint: string
  jwks_uri: string
  userinfo_endpoint?: string
  /** What the ID token may be signed with (never `none`); absent: RS256, as the spec defaults. */
  id_token_signing_alg_values_supported?: string[]
  /** How the client secret may be sent to the token endpoint; absent: client_secret_basic. */
  token_endpoint_auth_methods_supported?: string[]
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

/**
 * A sign-in sent to a provider and not yet back: found by the SHA-256 of its `state`, answerable
 * only by the browser holding the cookie whose SHA-256 is `browser_hash`, and deleted as it is
 * answered (single use on every instance).
 */
export const ssoFlows = pgTable(
  'sso_flows',
  {
    id: id(),
    stateHash: text('state_hash').notNull().unique(),
    browserHash: text('browser_hash').notNull(),
    providerId: text('provider_id')
      .notNull()
      .references(() => oidcProviders.id, { onDelete: 'cascade' }),
    codeVerifier: text('code_verifier').notNull(),
    nonce: text('nonce').notNull(),
    callbackUrl: text('callback_url').notNull(),
    expiresAt: at('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('sso_flows_expires_idx').on(table.expiresAt)],
)
