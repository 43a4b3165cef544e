import type { Metadata } from 'next'
import { PageHeader } from '@/components/console/page-header'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { requireUser } from '@/lib/auth/require'
import { getRuntime } from '@/lib/runtime'
import { ChangePasswordForm } from './_components/change-password-form'
import { TwoFactorCard } from './_components/two-factor-card'

export const metadata: Metadata = { title: 'Security · Gatehouse' }

export default async function SecurityPage() {
  const { user } = await requireUser()
  const runtime = await getRuntime()
  return (
    <div className="grid gap-6">
      <PageHeader title="Security" description="How you sign in to Gatehouse." />
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Password</h2>
          </CardTitle>
          <CardDescription>Changing it signs out every other browser and ends every API sign-in of the CLI and scripts.</CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm policy={runtime.config.passwordPolicy} email={user.email} />
        </CardContent>
      </Card>
      <TwoFactorCard runtime={runtime} user={user} />
    </div>
  )
}
