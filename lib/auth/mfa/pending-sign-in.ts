import 'server-only'
import { randomUUID } from 'node:crypto'
import { jwtVerify, SignJWT } from 'jose'
import { cookies } from 'next/headers'
import type { Runtime } from '@/lib/runtime'

// Between the password step and the code step the browser holds only this: a 5-minute token that
// names the user and is good for nothing but the code step (its own audience).
const AUDIENCE = 'gatehouse-second-factor'
const TTL_SECONDS = 300
const cookieName = (runtime: Runtime) => (runtime.config.isHttps ? '__Host-gatehouse.mfa' : 'gatehouse.mfa')

export async function startPendingSignIn(runtime: Runtime, userId: string): Promise<void> {
  const { signingKeys: keys, config } = runtime
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: keys.alg, kid: keys.kid })
    .setIssuer(config.appUrl)
    .setAudience(AUDIENCE)
    .setSubject(userId)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${TTL_SECONDS}s`)
    .sign(keys.signKey)
  ;(await cookies()).set(cookieName(runtime), token, {
    httpOnly: true,
    secure: config.isHttps,
    sameSite: 'lax',
    path: '/',
    maxAge: TTL_SECONDS,
  })
}

/** The user whose password was just accepted, or undefined when the step expired or never began. */
export async function pendingSignInUser(runtime: Runtime): Promise<string | undefined> {
  const token = (await cookies()).get(cookieName(runtime))?.value
  if (!token) return undefined
  try {
    const { payload } = await jwtVerify(token, runtime.signingKeys.verifyKey, {
      algorithms: [runtime.signingKeys.alg],
      issuer: runtime.config.appUrl,
      audience: AUDIENCE,
    })
    return payload.sub
  } catch {
    return undefined
  }
}

export async function endPendingSignIn(runtime: Runtime): Promise<void> {
  ;(await cookies()).delete({ name: cookieName(runtime), path: '/', secure: runtime.config.isHttps })
}
