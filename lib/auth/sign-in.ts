import 'server-only'
import { eq } from 'drizzle-orm'
import type { Tx } from '@/db/client'
import { users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { RequestMeta } from '@/lib/audit/types'
import type { FirstStep } from '@/lib/auth/mfa/pending-sign-in'
import { hasSecondFactor, secondFactorsOf } from '@/lib/auth/mfa/queries'
import { type SecondFactor, verifySecondFactor } from '@/lib/auth/mfa/verify-second-factor'
import { type PasskeyAnswer, verifyPasskey } from '@/lib/auth/passkeys/verify-passkey'
import { AppError } from '@/lib/errors'
import { raiseSecurityAlert } from '@/lib/notify/security-alerts'
import { limitSignIn } from '@/lib/ratelimit/limit-sign-in'
import { awaitSignInTurn, clearSignInFailures, countingFailures } from '@/lib/ratelimit/sign-in-failures'
import type { Runtime } from '@/lib/runtime'
import { createSession, type NewBrowserSession } from '@/lib/sessions/create-session'
import { getInstanceSettings } from '@/lib/settings/instance-settings'
import { findUserById } from '@/lib/users/queries'
import { signAccessToken } from './access-tokens'
import { checkPassword, type SignedIn } from './check-password'
import { type RecognizedDevice, recognizeDevice } from './devices/recognize-device'
import { issueRefreshToken } from './refresh-tokens'
import { assertTurnstile } from './turnstile'

type SignInMethod = 'password' | 'passkey' | 'sso' | `${'password' | 'sso'}+${'totp' | 'recovery_code' | 'passkey'}`

/** What the browser's second step answers with: a code (SecondFactor) or a passkey's assertion. */
export type BrowserSecondFactor = SecondFactor | { passkey: PasskeyAnswer }

async function completeSignIn(
  tx: Tx,
  signIn: SignedIn,
  meta: RequestMeta,
  kind: 'browser' | 'api',
  sessionId: string,
  method: SignInMethod = 'password',
  provider?: string,
) {
  const device = await recognizeDevice(tx, { userId: signIn.user.id, kind, meta })
  await tx
    .update(users)
    .set({ lastLoginAt: new Date(), ...(signIn.rehash ? { passwordHash: signIn.rehash } : {}) })
    .where(eq(users.id, signIn.user.id))
  await recordAudit(tx, {
    action: 'auth.login',
    actor: { type: 'user', id: signIn.user.id, email: signIn.user.email },
    target: { type: kind === 'browser' ? 'session' : 'token_family', id: sessionId },
    meta,
    details: {
      method,
      kind,
      ...(provider ? { provider } : {}),
      ...(signIn.rehash ? { rehashed: true } : {}),
      ...(device.isNew ? { new_device: true } : {}),
    },
  })
  return device
}

/** After the sign-in's transaction: the alert about a device the account had not used before. */
function alertIfNewDevice(
  runtime: Runtime,
  signIn: SignedIn,
  device: RecognizedDevice,
  meta: RequestMeta,
  target: { type: 'session' | 'refresh_family'; id: string },
) {
  if (device.isNew)
    raiseSecurityAlert(runtime, { user: signIn.user, event: { kind: 'new_device' }, meta, target, deviceId: device.id })
}

/** A browser session for a user whose sign-in is complete, audited auth.login (with the provider for SSO). */
export async function createBrowserSession(
  runtime: Runtime,
  signIn: SignedIn,
  meta: RequestMeta,
  method: SignInMethod,
  provider?: string,
) {
  const { session, device } = await runtime.db.transaction(async (tx) => {
    const created = await createSession(tx, {
      userId: signIn.user.id,
      ttlSeconds: runtime.config.sessionTtl,
      meta,
      authMethod: method,
    })
    return { session: created, device: await completeSignIn(tx, signIn, meta, 'browser', created.id, method, provider) }
  })
  alertIfNewDevice(runtime, signIn, device, meta, { type: 'session', id: session.id })
  return { ...session, deviceToken: device.deviceToken }
}

/**
 * The password step of a browser sign-in: a session, or, for an account with a second factor, the
 * user whose code the next step must ask for (no session exists until it is given).
 */
export async function beginBrowserSignIn(
  runtime: Runtime,
  args: { email: string; password: string; meta: RequestMeta },
): Promise<{ session: NewBrowserSession } | { pendingUserId: string }> {
  await limitSignIn(runtime, args.meta, args.email)
  await awaitSignInTurn(runtime, args.meta, args.email)
  const signIn = await countingFailures(runtime, args.meta, args.email, () =>
    checkPassword(runtime.db, { ...args, kind: 'browser' }),
  )
  if (await hasSecondFactor(runtime.db, signIn.user.id)) {
    // The password was right: an old bcrypt hash is replaced now, whatever the code step brings.
    if (signIn.rehash)
      await runtime.db.update(users).set({ passwordHash: signIn.rehash }).where(eq(users.id, signIn.user.id))
    return { pendingUserId: signIn.user.id }
  }
  const session = await createBrowserSession(runtime, signIn, args.meta, 'password')
  await clearSignInFailures(runtime, args.meta, args.email)
  return { session }
}

/**
 * The second step: a TOTP code, a recovery code or a passkey of the user the first step (password
 * or single sign-on) named.
 */
export async function finishBrowserSignIn(
  runtime: Runtime,
  args: { userId: string; factor: BrowserSecondFactor; meta: RequestMeta; firstStep?: FirstStep },
): Promise<NewBrowserSession> {
  const { factor, meta } = args
  const user = await findUserById(runtime.db, args.userId)
  if (!user || user.disabledAt) throw new AppError('invalid_credentials', 'Sign in again.')
  await limitSignIn(runtime, meta, user.email)
  await awaitSignInTurn(runtime, meta, user.email)
  const method = await countingFailures(runtime, meta, user.email, async () => {
    if (!('passkey' in factor)) return verifySecondFactor(runtime, { user, factor, meta })
    await verifyPasskey(runtime, { ...factor.passkey, userId: user.id, meta })
    return 'passkey' as const
  })
  const first = args.firstStep ?? { method: 'password' }
  const provider = first.method === 'sso' ? first.provider : undefined
  const session = await createBrowserSession(runtime, { user }, meta, `${first.method}+${method}`, provider)
  await clearSignInFailures(runtime, meta, user.email)
  return session
}

/**
 * A whole sign-in with a discoverable passkey: no e-mail, no password, no second step (the passkey
 * is possession plus the device's PIN or biometric, so it satisfies require_mfa on its own).
 */
export async function signInWithPasskey(
  runtime: Runtime,
  args: PasskeyAnswer & { meta: RequestMeta },
): Promise<NewBrowserSession> {
  const user = await verifyPasskey(runtime, args)
  const session = await createBrowserSession(runtime, { user }, args.meta, 'passkey')
  await clearSignInFailures(runtime, args.meta, user.email)
  return session
}

/** Password sign-in for the browser where no second factor can be on (setup, registration): a session. */
export async function signInWithPassword(
  runtime: Runtime,
  args: { email: string; password: string; meta: RequestMeta },
): Promise<NewBrowserSession> {
  const begun = await beginBrowserSignIn(runtime, args)
  if ('session' in begun) return begun.session
  throw new AppError('mfa_required', 'This account signs in with a second factor')
}

export interface TokenPair {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
  refresh_token: string
  refresh_expires_in: number
}

/** Password sign-in for automation: a short-lived access token and a new refresh-token family. */
export async function issueTokensForPassword(
  runtime: Runtime,
  args: { email: string; password: string; factor?: SecondFactor; turnstileToken?: string; meta: RequestMeta },
): Promise<TokenPair> {
  await limitSignIn(runtime, args.meta, args.email)
  await assertTurnstile(await getInstanceSettings(runtime), {
    action: 'login',
    token: args.turnstileToken,
    ip: args.meta.ip,
  })
  await awaitSignInTurn(runtime, args.meta, args.email)
  const signIn = await countingFailures(runtime, args.meta, args.email, () =>
    checkPassword(runtime.db, { ...args, kind: 'api' }),
  )
  let method: SignInMethod = 'password'
  const factors = await secondFactorsOf(runtime.db, signIn.user.id)
  if (factors.totp || factors.passkey) {
    const factor = args.factor
    if (!factors.totp)
      throw new AppError(
        'mfa_required',
        'This account signs in with a passkey, which only a browser can use: sign in there, or use an API key',
      )
    if (!factor?.totpCode && !factor?.recoveryCode)
      throw new AppError(
        'mfa_required',
        'This account has two-factor sign-in: send totp_code or recovery_code with the password',
      )
    const used = await countingFailures(runtime, args.meta, args.email, () =>
      verifySecondFactor(runtime, { user: signIn.user, factor, meta: args.meta }),
    )
    method = `password+${used}`
  }
  const { jwt } = runtime.config
  const { refresh, device } = await runtime.db.transaction(async (tx) => {
    const issued = await issueRefreshToken(tx, {
      userId: signIn.user.id,
      ttlSeconds: jwt.refreshTokenTtl,
      meta: args.meta,
    })
    return { refresh: issued, device: await completeSignIn(tx, signIn, args.meta, 'api', issued.familyId, method) }
  })
  alertIfNewDevice(runtime, signIn, device, args.meta, { type: 'refresh_family', id: refresh.familyId })
  await clearSignInFailures(runtime, args.meta, args.email)
  return tokenPair(runtime, signIn.user.id, refresh)
}

export async function tokenPair(
  runtime: Runtime,
  userId: string,
  refresh: { token: string; familyId: string },
): Promise<TokenPair> {
  const { jwt, appUrl } = runtime.config
  const accessToken = await signAccessToken(
    { keys: runtime.signingKeys, issuer: appUrl, ttlSeconds: jwt.accessTokenTtl },
    userId,
    refresh.familyId,
  )
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: jwt.accessTokenTtl,
    refresh_token: refresh.token,
    refresh_expires_in: jwt.refreshTokenTtl,
  }
}
