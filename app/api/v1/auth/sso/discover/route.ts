import { AppError } from '@/lib/errors'
import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { findProviderForEmail } from '@/lib/oidc/provider-queries'
import { ssoDiscoverBodySchema } from '@/lib/oidc/provider-schemas'

// POST /api/v1/auth/sso/discover: the provider for an e-mail's domain, for "Continue with SSO" (public)
export const POST = route(
  { summary: 'the provider whose allowed domains hold the e-mail’s domain', auth: 'none', body: ssoDiscoverBodySchema },
  async ({ runtime, body }) => {
    const provider = await findProviderForEmail(runtime.db, body.email)
    if (!provider) throw new AppError('not_found', 'No single sign-on is set up for that e-mail domain')
    return json({ slug: provider.slug })
  },
)
