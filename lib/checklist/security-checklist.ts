import 'server-only'
import { and, eq, isNull } from 'drizzle-orm'
import { users } from '@/db/schema'
import { principalUserColumns } from '@/lib/auth/principal-columns'
import { isLoopbackHost } from '@/lib/config'
import type { Runtime } from '@/lib/runtime'

export type CheckStatus = 'pass' | 'warn' | 'fail'

export interface CheckItem {
  id: string
  title: string
  status: CheckStatus
  /** What was found on the running instance. */
  detail: string
  /** What to do about it; empty when nothing needs doing. */
  fix: string
}

const item = (id: string, title: string, status: CheckStatus, detail: string, fix = ''): CheckItem => ({
  id,
  title,
  status,
  detail,
  fix,
})

function tls(runtime: Runtime): CheckItem {
  const { appUrl, tlsRequired } = runtime.config
  const title = 'Traffic is encrypted (TLS)'
  if (appUrl.startsWith('https://'))
    return item('tls', title, 'pass', `APP_URL is ${appUrl}: cookies are Secure and HSTS is sent.`)
  if (tlsRequired) return item('tls', title, 'pass', 'TLS_REQUIRED is on: plain HTTP is redirected to HTTPS.')
  const local = isLoopbackHost(new URL(appUrl).hostname)
  return item(
    'tls',
    title,
    local ? 'warn' : 'fail',
    local
      ? `APP_URL is ${appUrl}: plain HTTP, which is fine on this machine only.`
      : `APP_URL is ${appUrl}: passwords and session cookies cross the network unencrypted.`,
    'Serve Gatehouse over HTTPS (a reverse proxy with TRUST_PROXY, or TLS_CERT_FILE) and set APP_URL to its https:// address.',
  )
}

function masterKey(runtime: Runtime): CheckItem {
  const { source } = runtime.masterKey
  const title = 'The master key is kept outside the data'
  if (source === 'generated' || source === 'data_dir')
    return item(
      'master_key',
      title,
      'warn',
      'The master key was generated into DATA_DIR, next to the data it protects: whoever copies the directory has both.',
      'Back up master.key somewhere safe, then provide it with GATEHOUSE_MASTER_KEY or GATEHOUSE_MASTER_KEY_FILE (a Docker secret).',
    )
  return item(
    'master_key',
    title,
    'pass',
    `The master key comes from ${source === 'env' ? 'GATEHOUSE_MASTER_KEY' : 'GATEHOUSE_MASTER_KEY_FILE'}.`,
  )
}

function signingKeys(runtime: Runtime): CheckItem {
  const { alg, source } = runtime.signingKeys
  const where = { env: 'JWT_SECRET', file: 'the PEM files of JWT_PRIVATE_KEY_PATH', registry: 'the database, sealed' }[
    source
  ]
  return item(
    'signing_keys',
    'Token signing keys are stable',
    'pass',
    `${alg} keys from ${where}: the same on every instance and after a restart, so tokens stay valid.`,
  )
}

async function adminMfa(runtime: Runtime): Promise<CheckItem> {
  const admins = await runtime.db
    .select({ email: users.email, mfaEnabled: principalUserColumns.mfaEnabled })
    .from(users)
    .where(and(eq(users.isAdmin, true), isNull(users.disabledAt)))
  const without = admins.filter((admin) => !admin.mfaEnabled).map((admin) => admin.email)
  const title = 'Every administrator has a second factor'
  if (admins.length === 0)
    return item(
      'admin_mfa',
      title,
      'warn',
      'No active administrator.',
      'Make an account an administrator (Administration › Users) or set GATEHOUSE_ADMIN_EMAIL.',
    )
  if (without.length === 0) return item('admin_mfa', title, 'pass', `All ${admins.length} administrators have one.`)
  return item(
    'admin_mfa',
    title,
    'fail',
    `${without.length} of ${admins.length} administrators sign in with a password alone: ${without.join(', ')}.`,
    'Each of them turns on an authenticator app or adds a passkey under Security.',
  )
}

function rateLimits(runtime: Runtime): CheckItem {
  const { enabled, store, authPerMinute } = runtime.config.rateLimit
  const title = 'Rate limits are on'
  if (!enabled)
    return item(
      'rate_limits',
      title,
      'fail',
      'RATE_LIMIT_ENABLED is false: passwords can be guessed as fast as the server answers.',
      'Unset RATE_LIMIT_ENABLED (it defaults to true).',
    )
  return item(
    'rate_limits',
    title,
    'pass',
    `On (store: ${store}); sign-in attempts: ${authPerMinute} a minute per address and account.`,
  )
}

function registration(runtime: Runtime): CheckItem {
  const title = 'Registration is closed, or meant to be open'
  if (!runtime.config.enableRegistration)
    return item('registration', title, 'pass', 'Registration is off: accounts are created by administrators.')
  return item(
    'registration',
    title,
    'warn',
    'Anyone who can reach this instance can create an account (it joins no organization).',
    'Set ENABLE_REGISTRATION=false unless strangers should sign up, and turn on Turnstile if they should.',
  )
}

function turnstile(runtime: Runtime): CheckItem {
  const { enabled, requireOnLogin, requireOnRegister } = runtime.config.turnstile
  const title = 'Bots are challenged (Turnstile)'
  if (enabled)
    return item(
      'turnstile',
      title,
      'pass',
      `Turnstile is on${requireOnRegister ? ' for registration' : ''}${requireOnLogin ? ' and sign-in' : ''}.`,
    )
  return item(
    'turnstile',
    title,
    runtime.config.enableRegistration ? 'warn' : 'pass',
    runtime.config.enableRegistration
      ? 'Turnstile is off while registration is open: scripts can create accounts.'
      : 'Turnstile is off; registration is closed, so sign-in limits are the guard.',
    runtime.config.enableRegistration
      ? 'Set TURNSTILE_ENABLED=true with TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY.'
      : '',
  )
}

function internalToken(runtime: Runtime): CheckItem {
  const title = 'The internal service token is strong'
  if (!runtime.config.internalToken)
    return item('internal_token', title, 'pass', 'No GATEHOUSE_INTERNAL_TOKEN: the internal API is off.')
  return item(
    'internal_token',
    title,
    'pass',
    `GATEHOUSE_INTERNAL_TOKEN has ${runtime.config.internalToken.length} characters (at least 32 are required).`,
  )
}

function metricsToken(runtime: Runtime): CheckItem {
  if (runtime.config.metricsToken)
    return item(
      'metrics_token',
      'Metrics need a token',
      'pass',
      '/api/metrics answers METRICS_TOKEN and administrators.',
    )
  return item(
    'metrics_token',
    'Metrics need a token',
    'warn',
    'No METRICS_TOKEN: /api/metrics answers signed-in administrators only, so Prometheus cannot scrape it.',
    'Set METRICS_TOKEN (16 characters or more) and give it to Prometheus as a bearer token.',
  )
}

function smtp(runtime: Runtime): CheckItem {
  if (runtime.config.smtp.url)
    return item(
      'smtp',
      'Mail is sent',
      'pass',
      `Mail goes out through SMTP as ${runtime.config.smtp.from ?? 'the default sender'}.`,
    )
  return item(
    'smtp',
    'Mail is sent',
    'warn',
    'No SMTP_URL: mail is written to the log instead of sent.',
    'Set SMTP_URL (smtp:// or smtps://) and MAIL_FROM.',
  )
}

function authEnabled(runtime: Runtime): CheckItem {
  if (runtime.config.authEnabled)
    return item('auth_enabled', 'Sign-in is required', 'pass', 'Every request needs a credential.')
  return item(
    'auth_enabled',
    'Sign-in is required',
    'fail',
    'AUTH_ENABLED is false: every request acts as an administrator (allowed on a loopback address only).',
    'Unset AUTH_ENABLED before anyone else can reach this machine.',
  )
}

function guestMode(runtime: Runtime): CheckItem {
  if (!runtime.config.allowGuestMode)
    return item(
      'guest_mode',
      'No anonymous access',
      'pass',
      'ALLOW_GUEST_MODE is off: nothing is readable without signing in.',
    )
  return item(
    'guest_mode',
    'No anonymous access',
    'warn',
    'ALLOW_GUEST_MODE is on: organizations whose owner allows it let anonymous visitors read their files.',
    'Set ALLOW_GUEST_MODE=false unless files are meant to be public.',
  )
}

function nonRoot(): CheckItem {
  const uid = process.getuid?.()
  if (uid === undefined)
    return item(
      'non_root',
      'The server does not run as root',
      'warn',
      'This platform does not say which user the server runs as.',
    )
  if (uid === 0)
    return item(
      'non_root',
      'The server does not run as root',
      'fail',
      'The server runs as root: a flaw in it would own the machine.',
      'Run it as an unprivileged user (the container image does).',
    )
  return item('non_root', 'The server does not run as root', 'pass', `The server runs as user id ${uid}.`)
}

function backups(runtime: Runtime): CheckItem {
  const what =
    runtime.database.kind === 'postgres' ? 'the PostgreSQL database' : 'DATA_DIR (the embedded database and files)'
  return item(
    'backups',
    'Data is backed up',
    'warn',
    `Unknown: Gatehouse cannot see your backups of ${what}.`,
    `Back up ${what} and the master key, separately, and restore one backup to check it works.`,
  )
}

/** The production checklist, computed from the running instance (API.md "Settings, checklist, guest mode"). */
export async function securityChecklist(runtime: Runtime): Promise<CheckItem[]> {
  return [
    tls(runtime),
    masterKey(runtime),
    signingKeys(runtime),
    await adminMfa(runtime),
    rateLimits(runtime),
    registration(runtime),
    turnstile(runtime),
    internalToken(runtime),
    metricsToken(runtime),
    smtp(runtime),
    authEnabled(runtime),
    guestMode(runtime),
    nonRoot(),
    backups(runtime),
  ]
}

export function checklistSummary(items: CheckItem[]): Record<CheckStatus, number> {
  return {
    pass: items.filter((entry) => entry.status === 'pass').length,
    warn: items.filter((entry) => entry.status === 'warn').length,
    fail: items.filter((entry) => entry.status === 'fail').length,
  }
}
