import 'server-only'
import { KeyRound } from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { findPasskeysOfUser } from '@/lib/auth/passkeys/queries'
import { formatDateTime } from '@/lib/format'
import type { Runtime } from '@/lib/runtime'
import { AddPasskey } from './add-passkey'
import { PasskeyActions } from './passkey-actions'

/** The user's passkeys: sign-in without a password, and a second factor after one. */
export async function PasskeysCard({
  runtime,
  userId,
  suggestedName,
}: {
  runtime: Runtime
  userId: string
  suggestedName: string
}) {
  const passkeys = await findPasskeysOfUser(runtime.db, userId)
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <h2>Passkeys</h2>
          {passkeys.length > 0 ? <Badge>{passkeys.length}</Badge> : <Badge variant="secondary">None</Badge>}
        </CardTitle>
        <CardDescription>
          Sign in with your fingerprint, face or device PIN instead of a password. A passkey also counts as your second
          factor.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {passkeys.length > 0 && (
          <ul className="divide-y rounded-md border" aria-label="Your passkeys">
            {passkeys.map((passkey) => (
              <li key={passkey.id} className="flex items-start gap-3 p-3">
                <KeyRound className="text-muted-foreground mt-0.5 size-4 shrink-0" aria-hidden />
                <div className="grid min-w-0 flex-1 gap-0.5">
                  <span className="flex flex-wrap items-center gap-2 font-medium break-words">
                    {passkey.name}
                    <Badge variant="outline">{passkey.backedUp ? 'Synced' : 'This device only'}</Badge>
                  </span>
                  <span className="text-muted-foreground text-xs">
                    Added {formatDateTime(passkey.createdAt)} ·{' '}
                    {passkey.lastUsedAt ? `last used ${formatDateTime(passkey.lastUsedAt)}` : 'never used'}
                  </span>
                </div>
                <PasskeyActions passkey={{ id: passkey.id, name: passkey.name }} />
              </li>
            ))}
          </ul>
        )}
        <AddPasskey suggestedName={suggestedName} />
      </CardContent>
    </Card>
  )
}
