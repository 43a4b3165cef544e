import { pendingSignInCookie, secondStepPath } from '@/lib/auth/mfa/pending-sign-in'
import { route } from '@/lib/http/route'
import { finishSsoSignIn } from '@/lib/oidc/finish-sso-sign-in'
import { ssoCallbackPathSchema } from '@/lib/oidc/provider-schemas'
import { ssoBrowserCookieName } from '@/lib/oidc/sso-browser-cookie'
import { SsoRefusal } from '@/lib/oidc/sso-errors'
import { redirectWithCookies, ssoFailureRedirect } from '@/lib/oidc/sso-redirects'
import { sessionCookies } from '@/lib/sessions/set-session-cookie'

// GET /api/auth/callback/{slug}: where a provider sends the browser back; 302 into the console or to /login?error= (public)
// This path would be Auth.js's; Gatehouse's own relying party answers it (README: single sign-on).
export const GET = route(
  {
    summary: 'the single sign-on callback: 302 to callback_url with a session, or to /login?error=<code>',
    auth: 'none',
    params: ssoCallbackPathSchema,
  },
  async ({ runtime, request, params, meta }) => {
    const { config } = runtime
    try {
      const outcome = await finishSsoSignIn(runtime, {
        slug: params.slug,
        search: request.nextUrl.searchParams,
        browserToken: request.cookies.get(ssoBrowserCookieName(config))?.value,
        meta,
      })
      if ('session' in outcome)
        return redirectWithCookies(config, outcome.callbackUrl, sessionCookies(config, outcome.session))
      const pending = await pendingSignInCookie(runtime, outcome.pendingUserId, {
        method: 'sso',
        provider: outcome.provider,
      })
      return redirectWithCookies(config, secondStepPath(outcome.callbackUrl), [pending])
    } catch (error) {
      if (error instanceof SsoRefusal) return ssoFailureRedirect(config, error.code)
      runtime.log.error({ err: error, provider: params.slug }, 'single sign-on callback failed')
      return ssoFailureRedirect(config, 'sso_failed')
    }
  },
)
