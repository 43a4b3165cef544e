'use client'

import { PasskeyButton } from '@/components/passkeys/passkey-button'
import { authenticateWithPasskey } from '@/components/passkeys/passkey-ceremony'
import { passkeySecondFactorAction, startPasskeySecondFactorAction } from '../../actions'

const passkeySecondFactor = authenticateWithPasskey(startPasskeySecondFactorAction, passkeySecondFactorAction)

export function PasskeySecondFactor({ callbackUrl, primary }: { callbackUrl?: string; primary: boolean }) {
  return (
    <PasskeyButton
      action={passkeySecondFactor}
      label="Use a passkey"
      callbackUrl={callbackUrl}
      variant={primary ? 'default' : 'outline'}
    />
  )
}
