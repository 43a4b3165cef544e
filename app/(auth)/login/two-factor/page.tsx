import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card'
import { pendingSignInUser } from '@/lib/auth/mfa/pending-sign-in'
import { safeCallbackPath } from '@/lib/auth/safe-callback'
import { getRuntime } from '@/lib/runtime'
import { SecondFactorForm } from './_components/second-factor-form'

export const metadata: Metadata = { title: 'Two-factor sign-in · Gatehouse' }

export default async function TwoFactorPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const runtime = await getRuntime()
  if (!(await pendingSignInUser(runtime))) redirect('/login')
  const target = safeCallbackPath((await searchParams).callbackUrl)
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1 className="text-xl">Two-factor sign-in</h1>
        </CardTitle>
        <CardDescription>Your password was right. Now prove it is you with your second factor.</CardDescription>
      </CardHeader>
      <CardContent>
        <SecondFactorForm callbackUrl={target === '/' ? undefined : target} />
      </CardContent>
      <CardFooter className="justify-center text-sm">
        <Link href="/login" className="text-muted-foreground underline underline-offset-4">
          Cancel and start over
        </Link>
      </CardFooter>
    </Card>
  )
}
