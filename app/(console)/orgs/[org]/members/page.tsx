import type { Metadata } from 'next'
import { ConsoleTable, TwoLineCell } from '@/components/console/console-table'
import { PageHeader } from '@/components/console/page-header'
import { Badge } from '@/components/ui/badge'
import { TableCell, TableRow } from '@/components/ui/table'
import { requireOrgAccess } from '@/lib/auth/require'
import { findMembers } from '@/lib/members/queries'
import { grantableRoles } from '@/lib/rbac/grantable'
import { can } from '@/lib/rbac/org-access'
import { findRoles } from '@/lib/roles/queries'
import { getRuntime } from '@/lib/runtime'
import { AddMemberDialog } from './_components/add-member-dialog'
import { MemberActions } from './_components/member-actions'

export const metadata: Metadata = { title: 'Members · Gatehouse' }

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { access, session } = await requireOrgAccess((await params).org, 'member:read')
  const runtime = await getRuntime()
  const canManage = can(access, 'member:write')
  const [members, roles] = await Promise.all([
    findMembers(runtime.db, access.org.id),
    canManage ? findRoles(runtime.db, access.org.id) : Promise.resolve([]),
  ])
  const grantable = grantableRoles(roles, { roleId: access.role.id, permissions: access.permissions }).map(
    (role) => role.name,
  )
  return (
    <div className="grid gap-6">
      <PageHeader title="Members" description={`Who can use ${access.org.name}, and with which role.`}>
        {canManage && <AddMemberDialog orgSlug={access.org.slug} roles={grantable} />}
      </PageHeader>
      <ConsoleTable columns={[{ label: 'Member' }, { label: 'Role' }]}>
        {members.map((member) => (
          <TableRow key={member.userId}>
            <TableCell>
              <TwoLineCell
                primary={
                  <>
                    {member.name ?? member.email}
                    {member.userId === session.user.id && (
                      <span className="text-muted-foreground font-normal"> (you)</span>
                    )}
                  </>
                }
                secondary={member.email}
              />
            </TableCell>
            <TableCell>
              <div className="flex flex-wrap gap-1">
                <Badge variant={member.role === 'owner' ? 'default' : 'outline'}>{member.role}</Badge>
                {member.disabledAt && <Badge variant="destructive">disabled</Badge>}
              </div>
            </TableCell>
            <TableCell className="text-right">
              <MemberActions
                orgSlug={access.org.slug}
                orgName={access.org.name}
                member={member}
                isSelf={member.userId === session.user.id}
                canManage={canManage && (member.roleId !== 'owner' || access.role.id === 'owner')}
                roles={grantable}
              />
            </TableCell>
          </TableRow>
        ))}
      </ConsoleTable>
      {!canManage && (
        <p className="text-muted-foreground text-sm">Your role can see the members but not change them.</p>
      )}
    </div>
  )
}
