import 'server-only'
import {
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
  verifyRegistrationResponse,
} from '@simplewebauthn/server'
import { passkeys } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { RequestMeta } from '@/lib/audit/types'
import { confirmPassword } from '@/lib/auth/confirm-password'
import { AppError } from '@/lib/errors'
import type { MailTokenTarget } from '@/lib/notify/mail-tokens'
import { raiseSecurityAlert } from '@/lib/notify/security-alerts'
import type { Runtime } from '@/lib/runtime'
import { type Ceremony, consumeChallenge, rememberChallenge } from './challenges'
import { countPasskeys, findCredentialDescriptors, findPasskeyByCredentialId } from './queries'
import { answerExpectations, relyingParty } from './relying-party'
import { MAX_PASSKEYS_PER_USER } from './schemas'
import { userHandleOf } from './user-handle'

interface PasskeyUser {
  id: string
  email: string
  name: string | null
}

const tooMany = () =>
  new AppError('conflict', `You have ${MAX_PASSKEYS_PER_USER} passkeys already. Remove one you no longer use first.`)

/**
 * Step one of adding a passkey: the password again (a borrowed session must not plant a passkey
 * of its own), then options for the browser that require a discoverable credential with user
 * verification, and skip authenticators that already hold one of the user's passkeys.
 */
export async function startPasskeyRegistration(
  runtime: Runtime,
  args: { user: PasskeyUser; password: string; meta: RequestMeta },
): Promise<Ceremony<PublicKeyCredentialCreationOptionsJSON>> {
  await confirmPassword(runtime, {
    userId: args.user.id,
    password: args.password,
    field: 'password',
    action: 'auth.passkey.add',
    meta: args.meta,
  })
  if ((await countPasskeys(runtime.db, args.user.id)) >= MAX_PASSKEYS_PER_USER) throw tooMany()
  const rp = relyingParty(runtime.config)
  const existing = await findCredentialDescriptors(runtime.db, args.user.id)
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userID: userHandleOf(args.user.id),
    userName: args.user.email,
    userDisplayName: args.user.name ?? args.user.email,
    attestationType: 'none',
    excludeCredentials: existing,
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  })
  const ceremonyId = await rememberChallenge(runtime.db, {
    challenge: options.challenge,
    purpose: 'register',
    userId: args.user.id,
  })
  return { options, ceremonyId }
}

/** Step two: the authenticator's answer, checked against the challenge; the passkey is stored under its name. */
export async function finishPasskeyRegistration(
  runtime: Runtime,
  args: {
    user: PasskeyUser
    name: string
    response: RegistrationResponseJSON
    ceremonyId: string | undefined
    meta: RequestMeta
    signIn?: MailTokenTarget
  },
) {
  const challenge = await consumeChallenge(runtime.db, {
    ceremonyId: args.ceremonyId,
    purpose: 'register',
    userId: args.user.id,
  })
  const verification = await verifyRegistrationResponse({
    response: args.response,
    ...answerExpectations(runtime.config, challenge),
  }).catch((error: unknown) => {
    runtime.log.warn({ err: error, userId: args.user.id }, 'passkey registration answer refused')
    return { verified: false as const }
  })
  if (!verification.verified)
    throw new AppError('validation_failed', 'The passkey could not be verified. Try adding it again.', [
      { path: 'response', message: 'The passkey could not be verified.' },
    ])
  const { credential, credentialBackedUp, aaguid } = verification.registrationInfo
  const actor = { type: 'user' as const, id: args.user.id, email: args.user.email }
  const added = await runtime.db.transaction(async (tx) => {
    if ((await countPasskeys(tx, args.user.id)) >= MAX_PASSKEYS_PER_USER) throw tooMany()
    if (await findPasskeyByCredentialId(tx, credential.id))
      throw new AppError('conflict', 'This passkey is already registered.')
    const [row] = await tx
      .insert(passkeys)
      .values({
        userId: args.user.id,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: credential.transports ?? [],
        backedUp: credentialBackedUp,
        aaguid,
        name: args.name,
      })
      .returning({ id: passkeys.id, name: passkeys.name })
    await recordAudit(tx, {
      action: 'auth.passkey.add',
      actor,
      target: { type: 'passkey', id: row.id },
      meta: args.meta,
      details: { name: row.name, synced: credentialBackedUp },
    })
    return row
  })
  raiseSecurityAlert(runtime, {
    user: args.user,
    event: { kind: 'passkey_added', name: added.name },
    meta: args.meta,
    target: args.signIn,
  })
  return added
}
