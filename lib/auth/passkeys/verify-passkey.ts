import 'server-only'
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
  verifyAuthenticationResponse,
} from '@simplewebauthn/server'
import { eq } from 'drizzle-orm'
import { passkeys, type User } from '@/db/schema'
import { recordAuditAlone } from '@/lib/audit/record-audit'
import type { RequestMeta } from '@/lib/audit/types'
import { accountDisabled } from '@/lib/auth/account-disabled'
import { AppError } from '@/lib/errors'
import { metrics } from '@/lib/metrics/registry'
import { limitAnonymousAuth } from '@/lib/ratelimit/limit-sign-in'
import type { Runtime } from '@/lib/runtime'
import { findUserById } from '@/lib/users/queries'
import { type Ceremony, consumeChallenge, rememberChallenge } from './challenges'
import { findCredentialDescriptors, findPasskeyByCredentialId } from './queries'
import { answerExpectations, relyingParty } from './relying-party'
import { userHandleMatches } from './user-handle'

/**
 * Signing in with a passkey alone: the browser offers whichever discoverable passkey the user
 * picks. Each ceremony is a row, so beginning one counts against RATE_LIMIT_AUTH per address.
 */
export async function startPasskeySignIn(
  runtime: Runtime,
  meta: RequestMeta,
): Promise<Ceremony<PublicKeyCredentialRequestOptionsJSON>> {
  await limitAnonymousAuth(runtime, meta)
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(runtime.config).id,
    userVerification: 'required',
  })
  return {
    options,
    ceremonyId: await rememberChallenge(runtime.db, { challenge: options.challenge, purpose: 'sign_in' }),
  }
}

/** The second step after a password: one of this user's passkeys. Undefined when they have none. */
export async function startPasskeySecondFactor(
  runtime: Runtime,
  userId: string,
): Promise<Ceremony<PublicKeyCredentialRequestOptionsJSON> | undefined> {
  const allowCredentials = await findCredentialDescriptors(runtime.db, userId)
  if (allowCredentials.length === 0) return undefined
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(runtime.config).id,
    userVerification: 'required',
    allowCredentials,
  })
  return {
    options,
    ceremonyId: await rememberChallenge(runtime.db, { challenge: options.challenge, purpose: 'second_factor', userId }),
  }
}

export interface PasskeyAnswer {
  response: AuthenticationResponseJSON
  /** The ceremony the browser began (its cookie), undefined when it holds none. */
  ceremonyId: string | undefined
}

interface VerifyPasskeyArgs extends PasskeyAnswer {
  /** Set for the second step: the passkey must be this user's. */
  userId?: string
  meta: RequestMeta
}

/**
 * Checks a passkey's answer to the challenge this browser was given (spent here, whatever the
 * outcome): a known credential of an enabled user, signed with user verification, its counter
 * moving forward. Every refusal is audited as a failed sign-in and answers invalid_credentials.
 */
export async function verifyPasskey(runtime: Runtime, args: VerifyPasskeyArgs): Promise<User> {
  const challenge = await consumeChallenge(runtime.db, {
    ceremonyId: args.ceremonyId,
    purpose: args.userId ? 'second_factor' : 'sign_in',
    userId: args.userId,
  })
  const passkey = await findPasskeyByCredentialId(runtime.db, args.response.id)
  const user =
    passkey && (!args.userId || passkey.userId === args.userId)
      ? await findUserById(runtime.db, passkey.userId)
      : undefined
  const fail = async (reason: string, code: 'invalid_credentials' | 'account_disabled' = 'invalid_credentials') => {
    metrics().authAttempts.inc({ status: 'failure', method: 'passkey' })
    await recordAuditAlone(runtime.db, {
      action: 'auth.login',
      outcome: 'failure',
      actor: user ? { type: 'user', id: user.id, email: user.email } : { type: 'anonymous' },
      target: user ? { type: 'user', id: user.id } : undefined,
      meta: args.meta,
      details: { method: 'passkey', reason, ...(passkey && user ? { passkey_id: passkey.id } : {}) },
    })
    return code === 'account_disabled'
      ? accountDisabled()
      : new AppError(
          'invalid_credentials',
          reason === 'unknown_passkey'
            ? 'This passkey is not registered with Gatehouse. Sign in with your password.'
            : 'The passkey could not be verified.',
        )
  }
  if (!passkey || !user || !userHandleMatches(args.response.response.userHandle, user.id))
    throw await fail('unknown_passkey')
  const verification = await verifyAuthenticationResponse({
    response: args.response,
    ...answerExpectations(runtime.config, challenge),
    credential: {
      id: passkey.credentialId,
      publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
      counter: passkey.counter,
      transports: passkey.transports,
    },
  }).catch((error: unknown) => {
    // A counter that did not move forward lands here too: the mark of a cloned authenticator.
    runtime.log.warn({ err: error, passkeyId: passkey.id }, 'passkey answer refused')
    return undefined
  })
  if (!verification?.verified) throw await fail('passkey_not_verified')
  if (user.disabledAt) throw await fail('disabled', 'account_disabled')
  await runtime.db
    .update(passkeys)
    .set({
      counter: verification.authenticationInfo.newCounter,
      backedUp: verification.authenticationInfo.credentialBackedUp,
      lastUsedAt: new Date(),
    })
    .where(eq(passkeys.id, passkey.id))
  metrics().authAttempts.inc({ status: 'success', method: 'passkey' })
  return user
}
