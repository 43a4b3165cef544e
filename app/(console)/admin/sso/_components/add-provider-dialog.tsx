'use client'

import { Plus } from 'lucide-react'
import { useState } from 'react'
import { ActionDialog } from '@/components/forms/action-dialog'
import { FormField } from '@/components/forms/form-field'
import { Button } from '@/components/ui/button'
import { Label } from '@/components/ui/label'
import { NativeSelect } from '@/components/ui/native-select'
import { createProviderAction } from '../actions'

interface AddProviderDialogProps {
  appUrl: string
  orgs: { id: string; name: string }[]
}

/** Adds an OpenID Connect provider; the redirect URI to register follows the slug as it is typed. */
export function AddProviderDialog({ appUrl, orgs }: AddProviderDialogProps) {
  const [slug, setSlug] = useState('')
  const [orgId, setOrgId] = useState('')
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
          <FormField name="name" label="Display name" autoComplete="off" required errors={errors?.name} />
          <FormField
            name="issuer"
            label="Issuer URL"
            type="url"
            autoComplete="off"
            required
            placeholder="https://sso.example.com/realms/team"
            errors={errors?.issuer}
          />
          <FormField name="client_id" label="Client ID" autoComplete="off" required errors={errors?.client_id} />
          <FormField
            name="client_secret"
            label="Client secret"
            type="password"
            autoComplete="off"
            required
            hint="Stored encrypted; it is never shown again."
            errors={errors?.client_secret}
          />
          <FormField
            name="allowed_domains"
            label="Allowed e-mail domains"
            autoComplete="off"
            placeholder="example.com, example.org"
            hint="Only these domains may sign in or get an account. Empty allows any domain the provider vouches for."
            errors={errors?.allowed_domains}
          />
          <FormField
            name="scopes"
            label="Scopes"
            autoComplete="off"
            defaultValue="openid email profile"
            errors={errors?.scopes}
          />
          <div className="grid gap-2">
            <Label htmlFor="provider-default-org">Organization for new accounts</Label>
            <NativeSelect
              id="provider-default-org"
              name="default_org_id"
              value={orgId}
              onChange={(event) => setOrgId(event.target.value)}
            >
              <option value="">None: new accounts join no organization</option>
              {orgs.map((org) => (
                <option key={org.id} value={org.id}>
                  {org.name}
                </option>
              ))}
            </NativeSelect>
          </div>
          {orgId && (
            <div className="grid gap-2">
              <Label htmlFor="provider-default-role">Their role there</Label>
              <NativeSelect id="provider-default-role" name="default_role" defaultValue="member">
                <option value="viewer">viewer</option>
                <option value="member">member</option>
                <option value="admin">admin</option>
              </NativeSelect>
            </div>
          )}
        </>
      )}
    </ActionDialog>
  )
}
