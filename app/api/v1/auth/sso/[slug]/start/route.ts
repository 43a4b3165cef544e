import { safeCallbackPath } from '@/lib/auth/safe-callback'
import { route } from '@/lib/http/route'
import { providerPathSchema, ssoStartQuerySchema } from '@/lib/oidc/provider-schemas'
import { ssoBrowserCookieName, ssoBrowserCookieOptions, ssoBrowserToken } from '@/lib/oidc/sso-browser-cookie'
import { SsoRefusal } from '@/lib/oidc/sso-errors'
import { redirectWithCookies, ssoFailureRedirect } from '@/lib/oidc/sso-redirects'
import { startSsoSignIn } from '@/lib/oidc/start-sso-sign-in'

// GET /api/v1/auth/sso/{slug}/start: 302 to the provider's authorization endpoint (public)
export const GET = route(
  {
    summary: 'begin a single sign-on: 302 to the provider (code flow, PKCE S256, state, nonce)',
    auth: 'none',
    params: providerPathSchema,
    query: ssoStartQuerySchema,
  },
  async ({ runtime, request, params, query, meta }) => {
    const { config } = runtime
    const browserToken = ssoBrowserToken(request.cookies.get(ssoBrowserCookieName(config))?.value)
    try {
      const location = await startSsoSignIn(runtime, {
        slug: params.slug,
        callbackUrl: safeCallbackPath(query.callback_url),
        browserToken,
        loginHint: query.login_hint,
        meta,
      })
      return redirectWithCookies(config, location.href, [
        { name: ssoBrowserCookieName(config), value: browserToken, options: ssoBrowserCookieOptions(config) },
      ])
    } catch (error) {
      if (error instanceof SsoRefusal) return ssoFailureRedirect(config, error.code)
      throw error
    }
  },
)
