import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { getRuntime } from '@/lib/runtime'
import { getInstanceSettings } from '@/lib/settings/instance-settings'
import { needsSetup } from '@/lib/setup/needs-setup'
import { SetupForm } from './_components/setup-form'

export const metadata: Metadata = { title: 'Set up · Gatehouse' }

export default async function SetupPage() {
  const runtime = await getRuntime()
  if (!(await needsSetup(runtime.db))) redirect('/login')
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1 className="text-xl">Set up Gatehouse</h1>
        </CardTitle>
        <CardDescription>Create the first administrator. They will own the default organization.</CardDescription>
      </CardHeader>
      <CardContent>
        <SetupForm policy={(await getInstanceSettings(runtime)).passwordPolicy} />
      </CardContent>
    </Card>
  )
}
