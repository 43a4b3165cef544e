import type { Metadata } from 'next'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { getRuntime } from '@/lib/runtime'
import { getInstanceSettings } from '@/lib/settings/instance-settings'
import { ResetPasswordForm } from './_components/reset-password-form'

export const metadata: Metadata = { title: 'Choose a new password · Gatehouse' }

export default async function ResetPasswordPage() {
  const settings = await getInstanceSettings(await getRuntime())
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1 className="text-xl">Choose a new password</h1>
        </CardTitle>
        <CardDescription>
          Saving it signs your account out of every browser and ends every API sign-in. Your second factor stays on.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ResetPasswordForm policy={settings.passwordPolicy} />
      </CardContent>
    </Card>
  )
}
