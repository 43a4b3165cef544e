import type { Metadata } from 'next'
import Link from 'next/link'
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card'
import { turnstileSiteKeyFor } from '@/lib/auth/turnstile'
import { getRuntime } from '@/lib/runtime'
import { getInstanceSettings } from '@/lib/settings/instance-settings'
import { ForgotPasswordForm } from './_components/forgot-password-form'

export const metadata: Metadata = { title: 'Forgot password · Gatehouse' }

export default async function ForgotPasswordPage() {
  const settings = await getInstanceSettings(await getRuntime())
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1 className="text-xl">Forgot your password?</h1>
        </CardTitle>
        <CardDescription>
          Enter the e-mail address of your account and we will mail you a link to choose a new one. Your second factor
          stays on.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ForgotPasswordForm turnstileSiteKey={turnstileSiteKeyFor(settings, 'password_change')} />
      </CardContent>
      <CardFooter className="text-muted-foreground justify-center text-sm">
        <span>
          Remembered it?{' '}
          <Link href="/login" className="text-foreground font-medium underline underline-offset-4">
            Sign in
          </Link>
        </span>
      </CardFooter>
    </Card>
  )
}
