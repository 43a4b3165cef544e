'use client'

import { UserPlus } from 'lucide-react'
import { ActionDialog } from '@/components/forms/action-dialog'
import { FormField } from '@/components/forms/form-field'
import { Button } from '@/components/ui/button'
import { addMemberAction } from '../actions'
import { RoleSelect } from './role-select'

export function AddMemberDialog({ orgSlug, roles }: { orgSlug: string; roles: string[] }) {
  return (
    <ActionDialog
      trigger={
        <Button>
          <UserPlus /> Add member
        </Button>
      }
      title="Add member"
      description="Add someone who already has a Gatehouse account."
      action={addMemberAction}
      hidden={{ org: orgSlug }}
      submitLabel="Add member"
    >
      {(errors) => (
        <>
          <FormField name="email" label="E-mail" type="email" autoComplete="off" required errors={errors?.email} />
          <RoleSelect
            roles={roles}
            defaultValue={roles.includes('member') ? 'member' : undefined}
            errors={errors?.role}
          />
        </>
      )}
    </ActionDialog>
  )
}
