import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card'
import { getCurrentSession } from '@/lib/auth/require'
import { turnstileSiteKeyFor } from '@/lib/auth/turnstile'
import { getRuntime } from '@/lib/runtime'
import { getInstanceSettings } from '@/lib/settings/instance-settings'
import { needsSetup } from '@/lib/setup/needs-setup'
import { RegisterForm } from './_components/register-form'

export const metadata: Metadata = { title: 'Create an account · Gatehouse' }

export default async function RegisterPage() {
  const runtime = await getRuntime()
  if (await needsSetup(runtime.db)) redirect('/setup')
  if (await getCurrentSession()) redirect('/')
  const settings = await getInstanceSettings(runtime)
  const open = settings.enableRegistration
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1 className="text-xl">{open ? 'Create an account' : 'Registration is closed'}</h1>
        </CardTitle>
        <CardDescription>
          {open
            ? 'Your account starts in no organization: create your own once you are in, or ask an organization’s admin to add you.'
            : 'This instance does not take sign-ups. Ask an administrator to create an account for you.'}
        </CardDescription>
      </CardHeader>
      {open && (
        <CardContent>
          <RegisterForm policy={settings.passwordPolicy} turnstileSiteKey={turnstileSiteKeyFor(settings, 'register')} />
        </CardContent>
      )}
      <CardFooter className="text-muted-foreground justify-center text-sm">
        <span>
          Already have an account?{' '}
          <Link href="/login" className="text-foreground font-medium underline underline-offset-4">
            Sign in
          </Link>
        </span>
      </CardFooter>
    </Card>
  )
}
