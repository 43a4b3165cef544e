/** Where a sign-in with a provider begins (API.md), carrying where to land and the e-mail typed, if any. */
export function ssoStartPath(slug: string, options: { callbackUrl?: string; loginHint?: string } = {}): string {
  const query = new URLSearchParams()
  if (options.callbackUrl && options.callbackUrl !== '/') query.set('callback_url', options.callbackUrl)
  if (options.loginHint) query.set('login_hint', options.loginHint)
  const search = query.toString()
  return `/api/v1/auth/sso/${encodeURIComponent(slug)}/start${search ? `?${search}` : ''}`
}
