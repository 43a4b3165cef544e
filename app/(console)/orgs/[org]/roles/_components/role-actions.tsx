'use client'

import { useState } from 'react'
import { RowMenu } from '@/components/console/row-menu'
import { ConfirmAction } from '@/components/forms/confirm-action'
import { DropdownMenuItem } from '@/components/ui/dropdown-menu'
import { deleteRoleAction } from '../actions'
import { type PermissionGroup, RoleDialog } from './role-dialog'

export function RoleActions({
  orgSlug,
  groups,
  role,
}: {
  orgSlug: string
  groups: PermissionGroup[]
  role: { id: string; name: string; permissions: string[]; members: number }
}) {
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null)
  return (
    <>
      <RowMenu label={`Actions for the ${role.name} role`}>
        <DropdownMenuItem onSelect={() => setDialog('edit')}>Edit…</DropdownMenuItem>
        <DropdownMenuItem variant="destructive" onSelect={() => setDialog('delete')}>
          Delete…
        </DropdownMenuItem>
      </RowMenu>
      <RoleDialog
        orgSlug={orgSlug}
        groups={groups}
        role={role}
        open={dialog === 'edit'}
        onOpenChange={(open) => setDialog(open ? 'edit' : null)}
      />
      <ConfirmAction
        trigger={null}
        open={dialog === 'delete'}
        onOpenChange={(open) => setDialog(open ? 'delete' : null)}
        title={`Delete the ${role.name} role?`}
        description={
          role.members > 0
            ? `${role.members} member${role.members === 1 ? ' holds' : 's hold'} it: give them another role first.`
            : 'Nobody holds it. This cannot be undone.'
        }
        action={deleteRoleAction}
        hidden={{ org: orgSlug, role_id: role.id }}
        confirmLabel="Delete role"
      />
    </>
  )
}
