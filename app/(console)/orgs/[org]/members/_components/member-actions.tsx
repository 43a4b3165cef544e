'use client'

import { useState } from 'react'
import { RowMenu } from '@/components/console/row-menu'
import { ActionDialog } from '@/components/forms/action-dialog'
import { ConfirmAction } from '@/components/forms/confirm-action'
import { DropdownMenuItem } from '@/components/ui/dropdown-menu'
import { changeMemberRoleAction, removeMemberAction } from '../actions'
import { RoleSelect } from './role-select'

interface MemberActionsProps {
  orgSlug: string
  orgName: string
  member: { userId: string; email: string; role: string }
  isSelf: boolean
  canManage: boolean
  roles: string[]
}

/** The row menu: change role and remove for managers, leave for oneself. */
export function MemberActions({ orgSlug, orgName, member, isSelf, canManage, roles }: MemberActionsProps) {
  const [dialog, setDialog] = useState<'role' | 'remove' | null>(null)
  const hidden = { org: orgSlug, user_id: member.userId }
  if (!canManage && !isSelf) return null
  return (
    <>
      <RowMenu label={`Actions for ${member.email}`}>
        {canManage && <DropdownMenuItem onSelect={() => setDialog('role')}>Change role…</DropdownMenuItem>}
        <DropdownMenuItem variant="destructive" onSelect={() => setDialog('remove')}>
          {isSelf ? 'Leave organization…' : 'Remove from organization…'}
        </DropdownMenuItem>
      </RowMenu>
      <ActionDialog
        open={dialog === 'role'}
        onOpenChange={(open) => setDialog(open ? 'role' : null)}
        title={`Change the role of ${member.email}`}
        description="The new role applies at once, to the console and the API."
        action={changeMemberRoleAction}
        hidden={hidden}
        submitLabel="Change role"
      >
        {(errors) => (
          <RoleSelect id={`role-${member.userId}`} roles={roles} defaultValue={member.role} errors={errors?.role} />
        )}
      </ActionDialog>
      <ConfirmAction
        trigger={null}
        open={dialog === 'remove'}
        onOpenChange={(open) => setDialog(open ? 'remove' : null)}
        title={isSelf ? `Leave ${orgName}?` : `Remove ${member.email}?`}
        description={
          isSelf ? 'You lose access at once; an owner can add you again.' : `They lose access to ${orgName} at once.`
        }
        action={removeMemberAction}
        hidden={hidden}
        confirmLabel={isSelf ? 'Leave' : 'Remove'}
      />
    </>
  )
}
