'use client'

import { Plus } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { type PermissionGroup, RoleDialog } from './role-dialog'

export function NewRoleButton({ orgSlug, groups }: { orgSlug: string; groups: PermissionGroup[] }) {
  return (
    <RoleDialog
      orgSlug={orgSlug}
      groups={groups}
      trigger={
        <Button>
          <Plus /> New role
        </Button>
      }
    />
  )
}
