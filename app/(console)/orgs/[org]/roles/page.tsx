import type { Metadata } from 'next'
import { ConsoleTable, TwoLineCell } from '@/components/console/console-table'
import { PageHeader } from '@/components/console/page-header'
import { Badge } from '@/components/ui/badge'
import { TableCell, TableRow } from '@/components/ui/table'
import { requireOrgAccess } from '@/lib/auth/require'
import { can } from '@/lib/rbac/org-access'
import { PERMISSION_DESCRIPTIONS, permissionsByResource } from '@/lib/rbac/permissions'
import { findRoles } from '@/lib/roles/queries'
import { getRuntime } from '@/lib/runtime'
import { NewRoleButton } from './_components/new-role-button'
import { RoleActions } from './_components/role-actions'

export const metadata: Metadata = { title: 'Roles · Gatehouse' }

export default async function RolesPage({ params }: { params: Promise<{ org: string }> }) {
  const { access } = await requireOrgAccess((await params).org, 'role:read')
  const runtime = await getRuntime()
  const roles = await findRoles(runtime.db, access.org.id)
  const canWrite = can(access, 'role:write')
  const groups = permissionsByResource().map(([resource, permissions]) => ({
    resource,
    permissions: permissions.map((name) => ({
      name,
      description: PERMISSION_DESCRIPTIONS[name],
      grantable: access.permissions.has(name),
    })),
  }))
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Roles"
        description="Built-in roles are fixed. Custom roles hold any set of permissions you hold yourself."
      >
        {canWrite && <NewRoleButton orgSlug={access.org.slug} groups={groups} />}
      </PageHeader>
      <ConsoleTable columns={[{ label: 'Role' }, { label: 'Permissions' }]}>
        {roles.map((role) => (
          <TableRow key={role.id}>
            <TableCell className="align-top">
              <TwoLineCell
                className="gap-1"
                primary={role.name}
                secondary={`${role.builtin ? 'Built-in' : 'Custom'} · ${role.members} member${role.members === 1 ? '' : 's'}`}
              />
            </TableCell>
            <TableCell className="align-top whitespace-normal">
              <div className="flex max-w-xl flex-wrap gap-1">
                {role.permissions.length === 0 && <span className="text-muted-foreground text-xs">No permissions</span>}
                {role.permissions.map((permission) => (
                  <Badge key={permission} variant="secondary" className="font-mono">
                    {permission}
                  </Badge>
                ))}
              </div>
            </TableCell>
            <TableCell className="text-right align-top">
              {canWrite && !role.builtin && <RoleActions orgSlug={access.org.slug} groups={groups} role={role} />}
            </TableCell>
          </TableRow>
        ))}
      </ConsoleTable>
    </div>
  )
}
