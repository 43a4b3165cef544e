'use client'

import { Plus } from 'lucide-react'
import { useState } from 'react'
import { ActionDialog } from '@/components/forms/action-dialog'
import { FormField } from '@/components/forms/form-field'
import { Button } from '@/components/ui/button'
import { createProviderAction } from '../actions'
import { ProviderFields } from './provider-fields'

interface AddProviderDialogProps {
  appUrl: string
  orgs: { id: string; name: string }[]
}

/** Adds an OpenID Connect provider; the redirect URI to register follows the slug as it is typed. */
export function AddProviderDialog({ appUrl, orgs }: AddProviderDialogProps) {
  const [slug, setSlug] = useState('')
  return (
    <ActionDialog
      trigger={
        <Button>
          <Plus /> Add provider
        </Button>
      }
      title="Add a single sign-on provider"
      description="Gatehouse fetches the issuer's discovery document when you save, and tells you what is wrong with it."
      action={createProviderAction}
      submitLabel="Add provider"
    >
      {(errors) => (
        <>
          <FormField
            name="slug"
            label="Slug"
            autoComplete="off"
            required
            value={slug}
            onChange={(event) => setSlug(event.target.value)}
            hint={`Redirect URI to register: ${appUrl}/api/auth/callback/${slug || '<slug>'}`}
            errors={errors?.slug}
          />
          <ProviderFields orgs={orgs} errors={errors} />
        </>
      )}
    </ActionDialog>
  )
}
