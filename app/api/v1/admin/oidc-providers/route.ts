import { auditActorOf } from '@/lib/auth/principal'
import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { findProviders, providerJson } from '@/lib/oidc/provider-queries'
import { createProviderBodySchema, providerResponse } from '@/lib/oidc/provider-schemas'
import { createProvider } from '@/lib/oidc/save-provider'

// GET /api/v1/admin/oidc-providers: the single sign-on providers, never their secrets (instance admins)
export const GET = route(
  { summary: 'the single sign-on providers, never their secrets', admin: true },
  async ({ runtime }) =>
    json({
      items: (await findProviders(runtime.db)).map((provider) =>
        providerResponse.parse(providerJson(runtime.config, provider)),
      ),
    }),
)

// POST /api/v1/admin/oidc-providers: add a provider once its discovery document is accepted (instance admins)
export const POST = route(
  {
    summary: 'add a provider once its discovery document is accepted (422 naming why not)',
    admin: true,
    body: createProviderBodySchema,
  },
  async ({ runtime, principal, body, meta }) => {
    const provider = await createProvider({ runtime, actor: auditActorOf(principal), meta, body })
    return json(providerResponse.parse(providerJson(runtime.config, provider)), { status: 201 })
  },
)
