'use client'

import { Plus } from 'lucide-react'
import { usePathname } from 'next/navigation'
import { useState } from 'react'
import { ActionDialog } from '@/components/forms/action-dialog'
import { FormField } from '@/components/forms/form-field'
import { Button } from '@/components/ui/button'
import { createOrgAction } from '../actions'

export function CreateOrgDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <ActionDialog
      open={open}
      onOpenChange={onOpenChange}
      title="New organization"
      description="You become its owner. Its members, roles and secrets are kept apart from every other organization."
      action={createOrgAction}
      submitLabel="Create organization"
    >
      {(errors) => (
        <>
          <FormField name="name" label="Name" required autoComplete="organization" errors={errors?.name} />
          <FormField
            name="slug"
            label="Short name in addresses (optional)"
            autoComplete="off"
            errors={errors?.slug}
            hint="Lowercase letters, digits and dashes; derived from the name when empty."
          />
        </>
      )}
    </ActionDialog>
  )
}

/**
 * Creating redirects to the new organization while the layout (and this state) survives the
 * navigation: the dialog is open only on the page it was opened on.
 */
export function useCreateOrgDialog() {
  const pathname = usePathname()
  const [openOn, setOpenOn] = useState<string | null>(null)
  return {
    open: () => setOpenOn(pathname),
    dialogProps: { open: openOn === pathname, onOpenChange: (open: boolean) => setOpenOn(open ? pathname : null) },
  }
}

export function CreateOrgButton() {
  const dialog = useCreateOrgDialog()
  return (
    <>
      <Button variant="outline" size="sm" onClick={dialog.open}>
        <Plus /> Create an organization
      </Button>
      <CreateOrgDialog {...dialog.dialogProps} />
    </>
  )
}
