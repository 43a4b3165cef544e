import type { Metadata } from 'next'
import { PageHeader } from '@/components/console/page-header'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { requireOrgAccess } from '@/lib/auth/require'
import { formatDateTime } from '@/lib/format'
import { can } from '@/lib/rbac/org-access'
import { getRuntime } from '@/lib/runtime'
import { DeleteOrgButton } from './_components/delete-org-button'
import { GuestAccessForm } from './_components/guest-access-form'
import { OrgSettingsForm } from './_components/org-settings-form'

export const metadata: Metadata = { title: 'Organization · Gatehouse' }

export default async function OrgSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { access } = await requireOrgAccess((await params).org, 'org:read')
  const { org } = access
  const { config } = await getRuntime()
  return (
    <div className="grid gap-6">
      <PageHeader title={org.name} description={`Organization settings · created ${formatDateTime(org.createdAt)}`}>
        <Badge variant="outline" className="h-7">
          Your role: {access.role.name}
        </Badge>
      </PageHeader>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>General</h2>
          </CardTitle>
          <CardDescription>
            Addressed as <code className="font-mono">{org.slug}</code> in the console and the API.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <OrgSettingsForm org={org} canEdit={can(access, 'org:write')} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Guest access</h2>
          </CardTitle>
          <CardDescription>Let people without an account read this organization’s files.</CardDescription>
        </CardHeader>
        <CardContent>
          <GuestAccessForm org={org} canEdit={can(access, 'org:admin')} allowGuestMode={config.allowGuestMode} />
        </CardContent>
      </Card>
      {can(access, 'org:admin') && (
        <Card className="border-destructive/40">
          <CardHeader>
            <CardTitle>
              <h2>Delete organization</h2>
            </CardTitle>
            <CardDescription>Removes the organization for every member. Only owners can do this.</CardDescription>
          </CardHeader>
          <CardContent>
            <DeleteOrgButton org={org} />
          </CardContent>
        </Card>
      )}
    </div>
  )
}
