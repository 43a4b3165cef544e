import { json } from '@/lib/http/respond'
import { route } from '@/lib/http/route'
import { findSignInProviders } from '@/lib/oidc/provider-queries'

// GET /api/v1/auth/sso/providers: the single sign-on providers a sign-in page offers (public)
export const GET = route(
  { summary: 'the single sign-on providers a sign-in page offers', auth: 'none' },
  async ({ runtime }) =>
    json({ items: (await findSignInProviders(runtime.db)).map(({ slug, name }) => ({ slug, name })) }),
)
