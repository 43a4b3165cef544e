'use client'

import { PasskeyButton } from '@/components/passkeys/passkey-button'
import { authenticateWithPasskey } from '@/components/passkeys/passkey-ceremony'
import { passkeySignInAction, startPasskeySignInAction } from '../actions'

const passkeySignIn = authenticateWithPasskey(startPasskeySignInAction, passkeySignInAction)

export function PasskeySignIn({ callbackUrl }: { callbackUrl?: string }) {
  return <PasskeyButton action={passkeySignIn} label="Sign in with a passkey" callbackUrl={callbackUrl} />
}
