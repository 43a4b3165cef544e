import { KeyRound, ShieldAlert } from 'lucide-react'
import type { Metadata } from 'next'
import { PageHeader } from '@/components/console/page-header'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { getRequestMeta, requireUser } from '@/lib/auth/require'
import { turnstileSiteKeyFor } from '@/lib/auth/turnstile'
import { describeUserAgent } from '@/lib/format'
import { findSignInMethods } from '@/lib/oidc/linked-identities'
import { getRuntime } from '@/lib/runtime'
import { getInstanceSettings } from '@/lib/settings/instance-settings'
import { ChangePasswordForm } from './_components/change-password-form'
import { EmailCard } from './_components/email-card'
import { PasskeysCard } from './_components/passkeys-card'
import { PushCard } from './_components/push-card'
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
  const methods = await findSignInMethods(runtime.db, user.id)
  const providerNames = methods.providers.map((provider) => provider.name).join(' and ')
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
      <EmailCard email={user.email} verified={user.emailVerified} />
      {methods.providers.length > 0 && (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Single sign-on</h2>
            </CardTitle>
            <CardDescription>Your organization’s identity provider vouches for you.</CardDescription>
          </CardHeader>
          <CardContent>
            <ul className="grid gap-2 text-sm">
              {methods.providers.map((provider) => (
                <li key={provider.slug} className="flex items-center gap-2">
                  <KeyRound className="text-muted-foreground size-4" aria-hidden />
                  Signed in with {provider.name}
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      )}
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Password</h2>
          </CardTitle>
          <CardDescription>
            {methods.hasPassword
              ? 'Changing it signs out every other browser and ends every API sign-in of the CLI and scripts.'
              : `You have no Gatehouse password: you sign in with ${providerNames || 'single sign-on'}.`}
          </CardDescription>
        </CardHeader>
        {methods.hasPassword ? (
          <CardContent>
            <ChangePasswordForm
              policy={settings.passwordPolicy}
              email={user.email}
              turnstileSiteKey={turnstileSiteKeyFor(settings, 'password_change')}
            />
          </CardContent>
        ) : (
          <CardContent className="text-muted-foreground text-sm">
            Scripts and the CLI can use an API key instead. Adding an authenticator app or a passkey here is confirmed
            with a password, so your identity provider’s own sign-in (and its two-factor) protects this account.
          </CardContent>
        )}
      </Card>
      <TwoFactorCard runtime={runtime} user={user} />
      <PasskeysCard
        runtime={runtime}
        userId={user.id}
        suggestedName={describeUserAgent((await getRequestMeta()).userAgent)}
      />
      <PushCard vapidPublicKey={runtime.vapid.publicKey} />
    </div>
  )
}
