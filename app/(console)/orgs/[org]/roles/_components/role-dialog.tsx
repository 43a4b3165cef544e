'use client'

import { ActionDialog } from '@/components/forms/action-dialog'
import { FormField } from '@/components/forms/form-field'
import { Checkbox } from '@/components/ui/checkbox'
import { Label } from '@/components/ui/label'
import { saveRoleAction } from '../actions'

const RESOURCE_LABELS: Record<string, string> = {
  org: 'Organization',
  member: 'Members',
  role: 'Roles',
  apikey: 'API keys',
  secret: 'Secrets',
  file: 'Files',
  audit: 'Audit log',
}

export interface PermissionGroup {
  resource: string
  permissions: { name: string; description: string; grantable: boolean }[]
}

interface RoleDialogProps {
  orgSlug: string
  groups: PermissionGroup[]
  role?: { id: string; name: string; permissions: string[] }
  trigger?: React.ReactNode
  open?: boolean
  onOpenChange?: (open: boolean) => void
}

/** Create or edit a custom role: a name and permissions grouped by resource. */
export function RoleDialog({ orgSlug, groups, role, trigger, open, onOpenChange }: RoleDialogProps) {
  return (
    <ActionDialog
      trigger={trigger}
      open={open}
      onOpenChange={onOpenChange}
      title={role ? `Edit ${role.name}` : 'New role'}
      description="Members with this role get exactly these permissions in this organization."
      action={saveRoleAction}
      hidden={{ org: orgSlug, ...(role ? { role_id: role.id } : {}) }}
      submitLabel={role ? 'Save role' : 'Create role'}
    >
      {(errors) => (
        <>
          <FormField
            name="name"
            label="Name"
            defaultValue={role?.name}
            required
            autoComplete="off"
            errors={errors?.name}
          />
          <fieldset className="grid gap-4">
            <legend className="mb-2 text-sm font-medium">Permissions</legend>
            <div className="grid gap-4 sm:grid-cols-2">
              {groups.map((group) => (
                <div key={group.resource} className="grid content-start gap-2 rounded-md border p-3">
                  <p className="text-sm font-medium">{RESOURCE_LABELS[group.resource] ?? group.resource}</p>
                  {group.permissions.map((permission) => {
                    const id = `${role?.id ?? 'new'}-${permission.name}`
                    return (
                      <div key={permission.name} className="flex items-start gap-2">
                        <Checkbox
                          id={id}
                          name="permissions"
                          value={permission.name}
                          defaultChecked={role?.permissions.includes(permission.name)}
                          disabled={!permission.grantable}
                          aria-describedby={`${id}-description`}
                        />
                        <div className="grid gap-0.5">
                          <Label htmlFor={id} className="font-mono text-xs">
                            {permission.name}
                          </Label>
                          <span id={`${id}-description`} className="text-muted-foreground text-xs">
                            {permission.description}
                            {!permission.grantable && ' (beyond your own role)'}
                          </span>
                        </div>
                      </div>
                    )
                  })}
                </div>
              ))}
            </div>
            {errors?.permissions?.map((error) => (
              <p key={error} className="text-destructive text-sm">
                {error}
              </p>
            ))}
          </fieldset>
        </>
      )}
    </ActionDialog>
  )
}
