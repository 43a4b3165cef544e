'use client'

import {
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
  WebAuthnError,
} from '@simplewebauthn/browser'
import type { FormAction } from '@/components/forms/use-action-dialog'
import type { ActionFailure, ActionResult } from '@/lib/actions/define-action'

type StartAction<O> = (
  previous: ActionResult | null,
  formData: FormData,
) => Promise<{ ok: true; options: O } | ActionFailure>

const MESSAGES: Partial<Record<WebAuthnError['code'], string>> = {
  ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED:
    'This device or password manager already holds a passkey for your account.',
  ERROR_AUTHENTICATOR_MISSING_DISCOVERABLE_CREDENTIAL_SUPPORT:
    'This authenticator cannot store a passkey. Use a phone, a password manager or a newer security key.',
  ERROR_AUTHENTICATOR_MISSING_USER_VERIFICATION_SUPPORT:
    'This authenticator cannot check a PIN or biometric, which a passkey needs here.',
  ERROR_INVALID_DOMAIN: 'Passkeys need the address Gatehouse is configured with (APP_URL), over HTTPS or on localhost.',
  ERROR_INVALID_RP_ID: 'Passkeys need the address Gatehouse is configured with (APP_URL). Open Gatehouse there.',
}

/** What to tell the user when the browser's passkey prompt failed or was dismissed. */
export function describeWebAuthnError(error: unknown): string {
  if (error instanceof WebAuthnError && MESSAGES[error.code]) return MESSAGES[error.code]!
  if (error instanceof Error && error.name === 'NotAllowedError')
    return 'The passkey prompt was closed or timed out. Try again when you are ready.'
  if (error instanceof Error && /does not support WebAuthn/i.test(error.message))
    return 'This browser does not support passkeys.'
  return 'The passkey prompt failed. Try again, or use another way to sign in.'
}

/**
 * One passkey ceremony as a single form action: the server's options (start), the browser's
 * prompt (ask), then the answer posted as the `response` field with the form's other fields (finish).
 */
function passkeyCeremony<O>(
  start: StartAction<O>,
  ask: (options: O) => Promise<unknown>,
  finish: FormAction,
): FormAction {
  return async (_previous, formData) => {
    const begun = await start(null, formData)
    if (!begun.ok) return begun
    let answer: unknown
    try {
      answer = await ask(begun.options)
    } catch (error) {
      return { ok: false, error: describeWebAuthnError(error) }
    }
    formData.set('response', JSON.stringify(answer))
    return finish(null, formData)
  }
}

export const registerPasskey = (start: StartAction<PublicKeyCredentialCreationOptionsJSON>, finish: FormAction) =>
  passkeyCeremony(start, (optionsJSON) => startRegistration({ optionsJSON }), finish)

export const authenticateWithPasskey = (
  start: StartAction<PublicKeyCredentialRequestOptionsJSON>,
  finish: FormAction,
) => passkeyCeremony(start, (optionsJSON) => startAuthentication({ optionsJSON }), finish)
