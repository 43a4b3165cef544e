import 'server-only'
import { and, eq, isNull } from 'drizzle-orm'
import { oidcProviders, organizations, users } from '@/db/schema'
import { principalUserColumns } from '@/lib/auth/principal-columns'
import { isLoopbackHost } from '@/lib/config'
import { readPlain } from '@/lib/crypto/registry'
import { signingKeyMadeAtName } from '@/lib/crypto/signing-keys'
import { mailSender } from '@/lib/notify/mail-transport'
import type { Runtime } from '@/lib/runtime'
import { getInstanceSettings } from '@/lib/settings/instance-settings'

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

type Finding = Pick<CheckItem, 'status' | 'detail' | 'fix'>

const pass = (detail: string): Finding => ({ status: 'pass', detail, fix: '' })
const warn = (detail: string, fix = ''): Finding => ({ status: 'warn', detail, fix })
const fail = (detail: string, fix: string): Finding => ({ status: 'fail', detail, fix })

function tls({ config: { appUrl, tlsRequired } }: Runtime): Finding {
  if (appUrl.startsWith('https://')) return pass(`APP_URL is ${appUrl}: cookies are Secure and HSTS is sent.`)
  if (tlsRequired) return pass('TLS_REQUIRED is on: plain HTTP is redirected to HTTPS.')
  const fix =
    'Serve Gatehouse over HTTPS (a reverse proxy with TRUST_PROXY, or TLS_CERT_FILE) and set APP_URL to its https:// address.'
  return isLoopbackHost(new URL(appUrl).hostname)
    ? warn(`APP_URL is ${appUrl}: plain HTTP, which is fine on this machine only.`, fix)
    : fail(`APP_URL is ${appUrl}: passwords and session cookies cross the network unencrypted.`, fix)
}

function masterKey({ masterKey: { source } }: Runtime): Finding {
  if (source === 'generated' || source === 'data_dir')
    return warn(
      'The master key was generated into DATA_DIR, next to the data it protects: whoever copies the directory has both.',
      'Back up master.key somewhere safe, then provide it with GATEHOUSE_MASTER_KEY or GATEHOUSE_MASTER_KEY_FILE (a Docker secret).',
    )
  return pass(`The master key comes from ${source === 'env' ? 'GATEHOUSE_MASTER_KEY' : 'GATEHOUSE_MASTER_KEY_FILE'}.`)
}

const ROTATE_SIGNING_AFTER_DAYS = 90
const ROTATE_SIGNING =
  'Run npm run keys:rotate-signing (or gatehouse keys rotate-signing): tokens already issued keep working.'

async function signingKeys({ db, signingKeys: { alg, source } }: Runtime): Promise<Finding> {
  const where = { env: 'JWT_SECRET', file: 'the PEM files of JWT_PRIVATE_KEY_PATH', registry: 'the database, sealed' }[
    source
  ]
  const stable = `${alg} keys from ${where}: the same on every instance and after a restart, so tokens stay valid.`
  if (source !== 'registry' || alg === 'HS256') return pass(stable)
  const madeAt = await readPlain(db, signingKeyMadeAtName(alg))
  if (!madeAt)
    return warn(`${stable} When the signing key was made is not recorded (before this version).`, ROTATE_SIGNING)
  const days = Math.floor((Date.now() - new Date(madeAt).getTime()) / 86_400_000)
  if (days > ROTATE_SIGNING_AFTER_DAYS)
    return warn(`${stable} The signing key is ${days} days old; rotate it every quarter.`, ROTATE_SIGNING)
  return pass(`${stable} The signing key is ${days} days old (rotate it every ${ROTATE_SIGNING_AFTER_DAYS} days).`)
}

async function adminMfa(runtime: Runtime): Promise<Finding> {
  const admins = await runtime.db
    .select({ email: users.email, mfaEnabled: principalUserColumns.mfaEnabled })
    .from(users)
    .where(and(eq(users.isAdmin, true), isNull(users.disabledAt)))
  const without = admins.filter((admin) => !admin.mfaEnabled).map((admin) => admin.email)
  if (admins.length === 0)
    return warn(
      'No active administrator.',
      'Make an account an administrator (Administration › Users) or set GATEHOUSE_ADMIN_EMAIL.',
    )
  if (without.length === 0) return pass(`All ${admins.length} administrators have one.`)
  return fail(
    `${without.length} of ${admins.length} administrators sign in with a password alone: ${without.join(', ')}.`,
    'Each of them turns on an authenticator app or adds a passkey under Security.',
  )
}

function rateLimits({ config: { rateLimit } }: Runtime): Finding {
  if (!rateLimit.enabled)
    return fail(
      'RATE_LIMIT_ENABLED is false: passwords can be guessed as fast as the server answers.',
      'Unset RATE_LIMIT_ENABLED (it defaults to true).',
    )
  return pass(
    `On (store: ${rateLimit.store}); sign-in attempts: ${rateLimit.authPerMinute} a minute per address and account.`,
  )
}

async function registration(runtime: Runtime): Promise<Finding> {
  if (!(await getInstanceSettings(runtime)).enableRegistration)
    return pass('Registration is off: accounts are created by administrators.')
  return warn(
    'Anyone who can reach this instance can create an account (it joins no organization).',
    'Turn registration off under Administration › Settings (or set ENABLE_REGISTRATION=false) unless strangers should sign up, and turn on Turnstile if they should.',
  )
}

async function turnstile(runtime: Runtime): Promise<Finding> {
  const settings = await getInstanceSettings(runtime)
  const { enabled, requireOnLogin, requireOnRegister } = settings.turnstile
  if (enabled)
    return pass(
      `Turnstile is on${requireOnRegister ? ' for registration' : ''}${requireOnLogin ? ' and sign-in' : ''}.`,
    )
  if (!settings.enableRegistration)
    return pass('Turnstile is off; registration is closed, so sign-in limits are the guard.')
  return warn(
    'Turnstile is off while registration is open: scripts can create accounts.',
    settings.turnstile.siteKey
      ? 'Turn Turnstile on under Administration › Settings.'
      : 'Set TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY, then turn Turnstile on under Administration › Settings (or TURNSTILE_ENABLED=true).',
  )
}

function internalToken({ config: { internalToken: token } }: Runtime): Finding {
  if (!token) return pass('No GATEHOUSE_INTERNAL_TOKEN: the internal API is off.')
  return pass(`GATEHOUSE_INTERNAL_TOKEN has ${token.length} characters (at least 32 are required).`)
}

function metricsToken({ config }: Runtime): Finding {
  if (config.metricsToken) return pass('/api/metrics answers METRICS_TOKEN and administrators.')
  return warn(
    'No METRICS_TOKEN: /api/metrics answers signed-in administrators only, so Prometheus cannot scrape it.',
    'Set METRICS_TOKEN (16 characters or more) and give it to Prometheus as a bearer token.',
  )
}

function smtp({ config }: Runtime): Finding {
  if (config.smtp.url) return pass(`Mail goes out through SMTP as ${mailSender(config)}.`)
  return warn(
    'No SMTP_URL: password resets, verification links and security alerts are logged, never sent.',
    'Set SMTP_URL (smtp:// or smtps://) and MAIL_FROM.',
  )
}

function authEnabled({ config }: Runtime): Finding {
  if (config.authEnabled) return pass('Every request needs a credential.')
  return fail(
    'AUTH_ENABLED is false: every request acts as an administrator (allowed on a loopback address only).',
    'Unset AUTH_ENABLED before anyone else can reach this machine.',
  )
}

async function guestMode({ config, db }: Runtime): Promise<Finding> {
  if (!config.allowGuestMode) return pass('ALLOW_GUEST_MODE is off: nothing is readable without signing in.')
  const open = await db
    .select({ slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.guestAccess, true))
    .orderBy(organizations.slug)
  const which =
    open.length === 0
      ? 'no organization has opted in yet'
      : `${open.map((org) => org.slug).join(', ')} let anonymous visitors read their files`
  return warn(
    `ALLOW_GUEST_MODE is on: ${which}.`,
    'Set ALLOW_GUEST_MODE=false unless files are meant to be public, and check each opted-in organization’s files.',
  )
}

async function ssoDomains({ db }: Runtime): Promise<Finding> {
  const providers = await db
    .select({ slug: oidcProviders.slug, allowedDomains: oidcProviders.allowedDomains })
    .from(oidcProviders)
    .where(eq(oidcProviders.enabled, true))
    .orderBy(oidcProviders.slug)
  if (providers.length === 0) return pass('No single sign-on provider is enabled.')
  const open = providers.filter((provider) => provider.allowedDomains.length === 0).map((provider) => provider.slug)
  if (open.length === 0) return pass(`Every enabled provider names the e-mail domains it may create accounts for.`)
  return warn(
    `${open.join(', ')} allow any e-mail domain: anyone with an account at that identity provider can get one here.`,
    'List the allowed domains of each provider under its settings (allowed_domains).',
  )
}

function nonRoot(): Finding {
  const uid = process.getuid?.()
  if (uid === undefined) return warn('This platform does not say which user the server runs as.')
  if (uid === 0)
    return fail(
      'The server runs as root: a flaw in it would own the machine.',
      'Run it as an unprivileged user (the container image does).',
    )
  return pass(`The server runs as user id ${uid}.`)
}

function backups({ database }: Runtime): Finding {
  const what = database.kind === 'postgres' ? 'the PostgreSQL database' : 'DATA_DIR (the embedded database and files)'
  return warn(
    `Unknown: Gatehouse cannot see your backups of ${what}.`,
    `Back up ${what} and the master key, separately, and restore one backup to check it works.`,
  )
}

/** Every check in the order API.md lists them: its id, the question it answers, how it is found. */
const CHECKS: { id: string; title: string; find(runtime: Runtime): Finding | Promise<Finding> }[] = [
  { id: 'tls', title: 'Traffic is encrypted (TLS)', find: tls },
  { id: 'master_key', title: 'The master key is kept outside the data', find: masterKey },
  { id: 'signing_keys', title: 'Token signing keys are stable and rotated', find: signingKeys },
  { id: 'admin_mfa', title: 'Every administrator has a second factor', find: adminMfa },
  { id: 'rate_limits', title: 'Rate limits are on', find: rateLimits },
  { id: 'registration', title: 'Registration is closed, or meant to be open', find: registration },
  { id: 'turnstile', title: 'Bots are challenged (Turnstile)', find: turnstile },
  { id: 'internal_token', title: 'The internal service token is strong', find: internalToken },
  { id: 'metrics_token', title: 'Metrics need a token', find: metricsToken },
  { id: 'smtp', title: 'Mail is sent', find: smtp },
  { id: 'auth_enabled', title: 'Sign-in is required', find: authEnabled },
  { id: 'guest_mode', title: 'No anonymous access', find: guestMode },
  { id: 'sso_domains', title: 'Single sign-on is limited to your domains', find: ssoDomains },
  { id: 'non_root', title: 'The server does not run as root', find: nonRoot },
  { id: 'backups', title: 'Data is backed up', find: backups },
]

/** The production checklist, computed from the running instance (API.md "Settings, checklist, guest mode"). */
export async function securityChecklist(runtime: Runtime): Promise<CheckItem[]> {
  return Promise.all(CHECKS.map(async ({ id, title, find }) => ({ id, title, ...(await find(runtime)) })))
}

export function checklistSummary(items: CheckItem[]): Record<CheckStatus, number> {
  return {
    pass: items.filter((entry) => entry.status === 'pass').length,
    warn: items.filter((entry) => entry.status === 'warn').length,
    fail: items.filter((entry) => entry.status === 'fail').length,
  }
}
