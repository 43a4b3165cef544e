import 'server-only'
import { randomUUID } from 'node:crypto'
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose'
import { sha256Hex } from '@/lib/crypto/hash'
import type { SigningKeys } from '@/lib/crypto/signing-keys'
import { AppError } from '@/lib/errors'
import { VerifiedTokens } from './verified-tokens'

export const ACCESS_TOKEN_AUDIENCE = 'gatehouse'

export interface AccessTokenClaims {
  userId: string
  jti: string
  familyId?: string
}

export interface TokenSettings {
  keys: SigningKeys
  issuer: string
  ttlSeconds: number
}

export async function signAccessToken(settings: TokenSettings, userId: string, familyId?: string): Promise<string> {
  const signer = settings.keys.signer
  return new SignJWT(familyId ? { fam: familyId } : {})
    .setProtectedHeader({ alg: settings.keys.alg, kid: signer.kid, typ: 'at+jwt' })
    .setIssuer(settings.issuer)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(`${settings.ttlSeconds}s`)
    .setJti(randomUUID())
    .sign(signer.key)
}

// One cache per key set: tokens verified under other keys are never served from it.
const verifiedByKeys = new WeakMap<SigningKeys, VerifiedTokens<AccessTokenClaims>>()

/** Verifies signature, algorithm, issuer, audience and expiry; 401 invalid_token or token_expired. */
export async function verifyAccessToken(
  settings: Omit<TokenSettings, 'ttlSeconds'>,
  token: string,
): Promise<AccessTokenClaims> {
  let verified = verifiedByKeys.get(settings.keys)
  if (!verified) {
    verified = new VerifiedTokens()
    verifiedByKeys.set(settings.keys, verified)
  }
  const tokenHash = sha256Hex(token)
  const cached = verified.get(tokenHash)
  if (cached) return cached
  try {
    const { payload } = await jwtVerify(token, (header) => settings.keys.keyFor(header), {
      algorithms: [settings.keys.alg],
      issuer: settings.issuer,
      audience: ACCESS_TOKEN_AUDIENCE,
      requiredClaims: ['sub', 'exp', 'iat', 'jti'],
    })
    const claims = {
      userId: payload.sub!,
      jti: payload.jti!,
      familyId: typeof payload.fam === 'string' ? payload.fam : undefined,
    }
    verified.set(tokenHash, claims, payload.exp! * 1000)
    return claims
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new AppError('token_expired', 'The access token has expired')
    throw new AppError('invalid_token', 'The access token is not valid')
  }
}
