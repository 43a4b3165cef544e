import { CircleAlert } from 'lucide-react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { OrDivider } from '@/components/forms/or-divider'
import { Alert, AlertDescription } from '@/components/ui/alert'
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card'
import { getCurrentSession } from '@/lib/auth/require'
import { safeCallbackPath } from '@/lib/auth/safe-callback'
import { turnstileSiteKeyFor } from '@/lib/auth/turnstile'
import { findSignInProviders } from '@/lib/oidc/provider-queries'
import { isSsoErrorCode, SSO_ERROR_MESSAGES } from '@/lib/oidc/sso-errors'
import { getRuntime } from '@/lib/runtime'
import { getInstanceSettings } from '@/lib/settings/instance-settings'
import { needsSetup } from '@/lib/setup/needs-setup'
import { LoginForm } from './_components/login-form'
import { PasskeySignIn } from './_components/passkey-sign-in'
import { SsoSignIn } from './_components/sso-sign-in'

export const metadata: Metadata = { title: 'Sign in · Gatehouse' }

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>
}) {
  const runtime = await getRuntime()
  if (await needsSetup(runtime.db)) redirect('/setup')
  const { callbackUrl, reason, error } = await searchParams
  const target = safeCallbackPath(callbackUrl)
  if (await getCurrentSession()) redirect(target)
  const callback = target === '/' ? undefined : target
  const settings = await getInstanceSettings(runtime)
  const providers = await findSignInProviders(runtime.db)
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1 className="text-xl">Sign in</h1>
        </CardTitle>
        <CardDescription>Use the e-mail address and password of your Gatehouse account.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {reason === 'session_ended' && (
          <Alert>
            <CircleAlert />
            <AlertDescription>Your session has ended. Sign in again to continue.</AlertDescription>
          </Alert>
        )}
        {isSsoErrorCode(error) && (
          <Alert variant="destructive">
            <CircleAlert />
            <AlertDescription>{SSO_ERROR_MESSAGES[error]}</AlertDescription>
          </Alert>
        )}
        <LoginForm callbackUrl={callback} turnstileSiteKey={turnstileSiteKeyFor(settings, 'login')} />
        <OrDivider />
        <PasskeySignIn callbackUrl={callback} />
        {providers.length > 0 && (
          <SsoSignIn
            providers={providers.map(({ slug, name }) => ({ slug, name }))}
            routesByDomain={providers.some((provider) => provider.allowedDomains.length > 0)}
            callbackUrl={callback}
          />
        )}
      </CardContent>
      {settings.enableRegistration && (
        <CardFooter className="text-muted-foreground justify-center text-sm">
          <span>
            New here?{' '}
            <Link href="/register" className="text-foreground font-medium underline underline-offset-4">
              Create an account
            </Link>
          </span>
        </CardFooter>
      )}
    </Card>
  )
}
