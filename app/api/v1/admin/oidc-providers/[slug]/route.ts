import { auditActorOf } from '@/lib/auth/principal'
import { json, noContent } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { providerJson, requireProviderBySlug } from '@/lib/oidc/provider-queries'
import { providerPathSchema, providerResponse, updateProviderBodySchema } from '@/lib/oidc/provider-schemas'
import { deleteProvider, updateProvider } from '@/lib/oidc/save-provider'

// GET /api/v1/admin/oidc-providers/{slug}: one provider, never its secret (instance admins)
export const GET = route(
  { summary: 'one provider, never its secret', admin: true, params: providerPathSchema },
  async ({ runtime, params }) =>
    json(providerResponse.parse(providerJson(runtime.config, await requireProviderBySlug(runtime.db, params.slug)))),
)

// PATCH /api/v1/admin/oidc-providers/{slug}: change a provider; its discovery document is fetched again (instance admins)
export const PATCH = route(
  {
    summary: 'change a provider; its discovery document is fetched again and "needs review" is cleared',
    admin: true,
    params: providerPathSchema,
    body: updateProviderBodySchema,
  },
  async ({ runtime, principal, params, body, meta }) => {
    const provider = await updateProvider({ runtime, actor: auditActorOf(principal), meta, body, slug: params.slug })
    return json(providerResponse.parse(providerJson(runtime.config, provider)))
  },
)

// DELETE /api/v1/admin/oidc-providers/{slug}: remove a provider and its sealed secret (instance admins)
export const DELETE = route(
  { summary: 'remove a provider and its sealed secret', admin: true, params: providerPathSchema },
  async ({ runtime, principal, params, meta }) => {
    await deleteProvider({ runtime, actor: auditActorOf(principal), meta, slug: params.slug })
    return noContent()
  },
)
