import 'server-only'
import type { Config } from '@/lib/config'
import { AppError } from '@/lib/errors'

export type TurnstileAction = 'login' | 'register' | 'password_change'

/** Whether this form asks for a Turnstile token (TURNSTILE_ENABLED and its TURNSTILE_REQUIRE_ON_* switch). */
export function isTurnstileRequired(config: Pick<Config, 'turnstile'>, action: TurnstileAction): boolean {
  const { turnstile } = config
  if (!turnstile.enabled) return false
  return action === 'login'
    ? turnstile.requireOnLogin
    : action === 'register'
      ? turnstile.requireOnRegister
      : turnstile.requireOnPasswordChange
}

/** The site key a page renders its Turnstile widget with, when this form asks for one. */
export function turnstileSiteKeyFor(config: Pick<Config, 'turnstile'>, action: TurnstileAction): string | undefined {
  return isTurnstileRequired(config, action) ? config.turnstile.siteKey : undefined
}

const refused = (message: string) => new AppError('captcha_failed', message, [{ path: 'turnstile_token', message }])

/**
 * Verifies a Turnstile token with Cloudflare (TURNSTILE_VERIFY_URL), with the client's address.
 * Cloudflare answers each token once, so a replayed token is refused there. When the verifier
 * cannot be reached the request is refused too (503): a CAPTCHA that fails open guards nothing.
 */
export async function assertTurnstile(
  config: Pick<Config, 'turnstile'>,
  args: { action: TurnstileAction; token?: string; ip: string | null },
): Promise<void> {
  if (!isTurnstileRequired(config, args.action)) return
  if (!args.token) throw refused('Complete the check that you are human, then send the form again.')
  const form = new URLSearchParams({ secret: config.turnstile.secretKey ?? '', response: args.token })
  if (args.ip) form.set('remoteip', args.ip)
  let outcome: { success?: boolean }
  try {
    const response = await fetch(config.turnstile.verifyUrl, {
      method: 'POST',
      body: form,
      signal: AbortSignal.timeout(5000),
    })
    outcome = (await response.json()) as { success?: boolean }
  } catch {
    throw new AppError('unavailable', 'The human check could not be verified just now; try again in a moment')
  }
  if (outcome.success !== true) throw refused('The check that you are human failed or expired. Try it again.')
}
