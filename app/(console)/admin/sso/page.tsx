import type { Metadata } from 'next'
import { ConsoleTable, TwoLineCell } from '@/components/console/console-table'
import { CopyButton } from '@/components/console/copy-button'
import { PageHeader } from '@/components/console/page-header'
import { Badge } from '@/components/ui/badge'
import { TableCell, TableRow } from '@/components/ui/table'
import { requireAdmin } from '@/lib/auth/require'
import { findProviders, providerJson } from '@/lib/oidc/provider-queries'
import { findAllOrgs } from '@/lib/orgs/queries'
import { getRuntime } from '@/lib/runtime'
import { AddProviderDialog } from './_components/add-provider-dialog'
import { EditProviderDialog } from './_components/edit-provider-dialog'
import { RemoveProvider } from './_components/remove-provider'

export const metadata: Metadata = { title: 'Single sign-on · Administration · Gatehouse' }

export default async function SsoProvidersPage() {
  await requireAdmin()
  const runtime = await getRuntime()
  const providers = (await findProviders(runtime.db)).map((provider) => providerJson(runtime.config, provider))
  const orgs = await findAllOrgs(runtime.db)
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Single sign-on"
        description="OpenID Connect providers (Keycloak, Entra ID, Google, authentik…). Each enabled one gets a button on the sign-in page."
      >
        <AddProviderDialog appUrl={runtime.config.appUrl} orgs={orgs} />
      </PageHeader>
      {providers.length === 0 ? (
        <p className="text-muted-foreground text-sm">No provider yet.</p>
      ) : (
        <ConsoleTable
          columns={[
            { label: 'Provider' },
            { label: 'Allowed domains', className: 'hidden md:table-cell' },
            { label: 'Redirect URI' },
          ]}
        >
          {providers.map((provider) => (
            <TableRow key={provider.slug}>
              <TableCell className="max-w-56">
                <TwoLineCell primary={provider.name} secondary={provider.issuer} />
                <div className="mt-1 flex flex-wrap gap-1">
                  {!provider.enabled && <Badge variant="secondary">Disabled</Badge>}
                  {provider.needs_review && <Badge variant="destructive">Needs review</Badge>}
                </div>
              </TableCell>
              <TableCell className="hidden md:table-cell">
                {provider.allowed_domains.length > 0 ? (
                  provider.allowed_domains.join(', ')
                ) : (
                  <Badge variant="outline">Any domain</Badge>
                )}
              </TableCell>
              <TableCell>
                <div className="flex min-w-0 items-center gap-2">
                  <code className="hidden truncate text-xs lg:inline">{provider.redirect_uri}</code>
                  <CopyButton value={provider.redirect_uri} label="Copy redirect URI" compact />
                </div>
              </TableCell>
              <TableCell className="w-20">
                <div className="flex items-center justify-end">
                  <EditProviderDialog provider={provider} orgs={orgs} />
                  <RemoveProvider provider={provider} />
                </div>
              </TableCell>
            </TableRow>
          ))}
        </ConsoleTable>
      )}
    </div>
  )
}
