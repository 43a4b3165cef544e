import 'server-only'
import { randomUUID } from 'node:crypto'
import { jwtVerify, SignJWT } from 'jose'
import { cookies } from 'next/headers'
import { MFA_PENDING_TTL_SECONDS } from '@/lib/auth/token-lifetimes'
import type { Runtime } from '@/lib/runtime'

// Between the first step (password or single sign-on) and the second-factor step the browser holds
// only this: a 5-minute token that names the user and is good for nothing but the second step (its
// own audience).
const AUDIENCE = 'gatehouse-second-factor'
const TTL_SECONDS = MFA_PENDING_TTL_SECONDS
const cookieName = (runtime: Pick<Runtime, 'config'>) =>
  runtime.config.isHttps ? '__Host-gatehouse.mfa' : 'gatehouse.mfa'

/** How the first step was passed: a password, or a single sign-on provider (by slug). */
export type FirstStep = { method: 'password' } | { method: 'sso'; provider: string }

export interface PendingSignIn {
  userId: string
  firstStep: FirstStep
}

/** The second step's page, carrying where to land afterwards. */
export function secondStepPath(callbackUrl: string): string {
  return `/login/two-factor${callbackUrl === '/' ? '' : `?callbackUrl=${encodeURIComponent(callbackUrl)}`}`
}

/** The cookie that carries a pending sign-in, for a caller that sets it on its own response. */
export async function pendingSignInCookie(
  runtime: Pick<Runtime, 'config' | 'signingKeys'>,
  userId: string,
  firstStep: FirstStep,
) {
  const { signingKeys: keys, config } = runtime
  const signer = keys.signer
  const token = await new SignJWT({ first: firstStep.method === 'sso' ? `sso:${firstStep.provider}` : 'password' })
    .setProtectedHeader({ alg: keys.alg, kid: signer.kid })
    .setIssuer(config.appUrl)
    .setAudience(AUDIENCE)
    .setSubject(userId)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${TTL_SECONDS}s`)
    .sign(signer.key)
  return {
    name: cookieName(runtime),
    value: token,
    options: { httpOnly: true, secure: config.isHttps, sameSite: 'lax' as const, path: '/', maxAge: TTL_SECONDS },
  }
}

export async function startPendingSignIn(
  runtime: Runtime,
  userId: string,
  firstStep: FirstStep = { method: 'password' },
): Promise<void> {
  const cookie = await pendingSignInCookie(runtime, userId, firstStep)
  ;(await cookies()).set(cookie.name, cookie.value, cookie.options)
}

function firstStepOf(claim: unknown): FirstStep {
  return typeof claim === 'string' && claim.startsWith('sso:')
    ? { method: 'sso', provider: claim.slice(4) }
    : { method: 'password' }
}

/** The sign-in whose first step was just passed, or undefined when the step expired or never began. */
export async function pendingSignIn(runtime: Runtime): Promise<PendingSignIn | undefined> {
  const token = (await cookies()).get(cookieName(runtime))?.value
  if (!token) return undefined
  try {
    const { payload } = await jwtVerify(token, (header) => runtime.signingKeys.keyFor(header), {
      algorithms: [runtime.signingKeys.alg],
      issuer: runtime.config.appUrl,
      audience: AUDIENCE,
    })
    return payload.sub ? { userId: payload.sub, firstStep: firstStepOf(payload.first) } : undefined
  } catch {
    return undefined
  }
}

export async function endPendingSignIn(runtime: Runtime): Promise<void> {
  ;(await cookies()).delete({ name: cookieName(runtime), path: '/', secure: runtime.config.isHttps })
}
