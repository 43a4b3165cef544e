import type { Metadata } from 'next'
import { PageHeader } from '@/components/console/page-header'
import { requireAdmin } from '@/lib/auth/require'
import { getRuntime } from '@/lib/runtime'
import { getInstanceSettings, settingsJson } from '@/lib/settings/instance-settings'
import { SettingsForm } from './_components/settings-form'

export const metadata: Metadata = { title: 'Settings · Administration · Gatehouse' }

export default async function SettingsPage() {
  await requireAdmin()
  const runtime = await getRuntime()
  const settings = settingsJson(runtime.config, await getInstanceSettings(runtime))
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Settings"
        description="Changes apply on every instance within a few seconds, without a restart. A setting that the environment or gatehouse.toml sets is shown locked."
      />
      <SettingsForm settings={settings} />
    </div>
  )
}
