import { ShieldAlert } from 'lucide-react'
import type { Metadata } from 'next'
import { PageHeader } from '@/components/console/page-header'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { getRequestMeta, requireUser } from '@/lib/auth/require'
import { turnstileSiteKeyFor } from '@/lib/auth/turnstile'
import { describeUserAgent } from '@/lib/format'
import { getRuntime } from '@/lib/runtime'
import { getInstanceSettings } from '@/lib/settings/instance-settings'
import { ChangePasswordForm } from './_components/change-password-form'
import { PasskeysCard } from './_components/passkeys-card'
import { TwoFactorCard } from './_components/two-factor-card'

export const metadata: Metadata = { title: 'Security · Gatehouse' }

export default async function SecurityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>
}) {
  const { user } = await requireUser()
  const runtime = await getRuntime()
  const settings = await getInstanceSettings(runtime)
  const requiredBy = (await searchParams).required_by
  return (
    <div className="grid gap-6">
      <PageHeader title="Security" description="How you sign in to Gatehouse." />
      {requiredBy && !user.mfaEnabled && (
        <Alert>
          <ShieldAlert />
          <AlertTitle>The organization {requiredBy} requires two-factor sign-in</AlertTitle>
          <AlertDescription>
            Set up an authenticator app or add a passkey below to open its pages; its API calls with your tokens and
            keys are refused until then.
          </AlertDescription>
        </Alert>
      )}
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Password</h2>
          </CardTitle>
          <CardDescription>
            Changing it signs out every other browser and ends every API sign-in of the CLI and scripts.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm
            policy={settings.passwordPolicy}
            email={user.email}
            turnstileSiteKey={turnstileSiteKeyFor(settings, 'password_change')}
          />
        </CardContent>
      </Card>
      <TwoFactorCard runtime={runtime} user={user} />
      <PasskeysCard
        runtime={runtime}
        userId={user.id}
        suggestedName={describeUserAgent((await getRequestMeta()).userAgent)}
      />
    </div>
  )
}
