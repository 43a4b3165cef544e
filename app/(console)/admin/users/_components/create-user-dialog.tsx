'use client'

import { UserPlus } from 'lucide-react'
import { useState } from 'react'
import { ActionDialog } from '@/components/forms/action-dialog'
import { FormField } from '@/components/forms/form-field'
import { NewPasswordField } from '@/components/forms/new-password-field'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import { Label } from '@/components/ui/label'
import type { PasswordPolicy } from '@/lib/auth/password-policy'
import { createUserAction } from '../actions'

export function CreateUserDialog({ policy, defaultRole }: { policy: PasswordPolicy; defaultRole: string }) {
  const [email, setEmail] = useState('')
  return (
    <ActionDialog
      trigger={
        <Button>
          <UserPlus /> Create user
        </Button>
      }
      title="Create user"
      description={`The account joins the default organization as ${defaultRole}. Share the password with them over a safe channel.`}
      action={createUserAction}
      submitLabel="Create user"
    >
      {(errors) => (
        <>
          <FormField name="name" label="Name" autoComplete="off" required errors={errors?.name} />
          <FormField
            name="email"
            label="E-mail"
            type="email"
            autoComplete="off"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            errors={errors?.email}
          />
          <NewPasswordField label="Initial password" policy={policy} email={email} errors={errors?.password} />
          <div className="flex items-center gap-2">
            <Checkbox id="is_admin" name="is_admin" value="on" />
            <Label htmlFor="is_admin">Instance administrator</Label>
          </div>
        </>
      )}
    </ActionDialog>
  )
}
