import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { OrDivider } from '@/components/forms/or-divider'
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card'
import { type FirstStep, pendingSignIn } from '@/lib/auth/mfa/pending-sign-in'
import { secondFactorsOf } from '@/lib/auth/mfa/queries'
import { safeCallbackPath } from '@/lib/auth/safe-callback'
import { findProviderName } from '@/lib/oidc/provider-queries'
import { getRuntime, type Runtime } from '@/lib/runtime'
import { PasskeySecondFactor } from './_components/passkey-second-factor'
import { SecondFactorForm } from './_components/second-factor-form'

export const metadata: Metadata = { title: 'Two-factor sign-in · Gatehouse' }

async function firstStepPassed(runtime: Runtime, firstStep: FirstStep): Promise<string> {
  if (firstStep.method === 'password') return 'Your password was right.'
  const name = await findProviderName(runtime.db, firstStep.provider)
  return `You signed in with ${name ?? 'single sign-on'}.`
}

export default async function TwoFactorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>
}) {
  const runtime = await getRuntime()
  const pending = await pendingSignIn(runtime)
  if (!pending) redirect('/login')
  const factors = await secondFactorsOf(runtime.db, pending.userId)
  const target = safeCallbackPath((await searchParams).callbackUrl)
  const callback = target === '/' ? undefined : target
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1 className="text-xl">Two-factor sign-in</h1>
        </CardTitle>
        <CardDescription>
          {await firstStepPassed(runtime, pending.firstStep)} Now prove it is you with your second factor.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {factors.passkey && <PasskeySecondFactor callbackUrl={callback} primary={!factors.totp} />}
        {factors.passkey && factors.totp && <OrDivider />}
        {factors.totp && <SecondFactorForm callbackUrl={callback} />}
      </CardContent>
      <CardFooter className="justify-center text-sm">
        <Link href="/login" className="text-muted-foreground underline underline-offset-4">
          Cancel and start over
        </Link>
      </CardFooter>
    </Card>
  )
}
