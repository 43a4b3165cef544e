import 'server-only'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { totpQrImage } from '@/lib/auth/mfa/qr-code'
import { countUnusedRecoveryCodes, findTotpCredential } from '@/lib/auth/mfa/queries'
import { totpUrl } from '@/lib/auth/totp'
import { openTotpSecret } from '@/lib/crypto/totp-secret'
import { formatDateTime } from '@/lib/format'
import type { Runtime } from '@/lib/runtime'
import { DisableTotp } from './disable-totp'
import { ConfirmTotpSetup, StartTotpSetup } from './totp-setup'

/** Off → set up (QR and key, confirmed with a code) → on, with the recovery codes left and a way off. */
export async function TwoFactorCard({ runtime, user }: { runtime: Runtime; user: { id: string; email: string } }) {
  const credential = await findTotpCredential(runtime.db, user.id)
  const enabled = Boolean(credential?.enabledAt)
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <h2>Authenticator app</h2>
          {enabled ? <Badge>On</Badge> : <Badge variant="secondary">{credential ? 'Setting up' : 'Off'}</Badge>}
        </CardTitle>
        <CardDescription>
          A 6-digit code from an app on your phone, asked after your password, with recovery codes for when the phone is
          lost.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {credential ? (
          enabled ? (
            await enabledState(runtime, user.id, credential.enabledAt!)
          ) : (
            await pendingState(runtime, user, credential)
          )
        ) : (
          <StartTotpSetup />
        )}
      </CardContent>
    </Card>
  )
}

async function enabledState(runtime: Runtime, userId: string, since: Date) {
  const left = await countUnusedRecoveryCodes(runtime.db, userId)
  return (
    <div className="flex flex-wrap items-center justify-between gap-4">
      <p className="text-sm">
        On since {formatDateTime(since)}.{' '}
        <span className="text-muted-foreground">{left} of 10 recovery codes left.</span>
      </p>
      <DisableTotp />
    </div>
  )
}

async function pendingState(
  runtime: Runtime,
  user: { id: string; email: string },
  credential: Parameters<typeof openTotpSecret>[1],
) {
  const secret = openTotpSecret(runtime.masterKey, credential)
  return (
    <ConfirmTotpSetup
      qrImage={await totpQrImage(totpUrl(runtime.config.totpIssuer, user.email, secret))}
      secret={secret}
    />
  )
}
