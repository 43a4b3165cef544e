'use client'

import { useState } from 'react'
import { FormField } from '@/components/forms/form-field'
import { Label } from '@/components/ui/label'
import { NativeSelect } from '@/components/ui/native-select'
import type { ProviderResponse } from '@/lib/oidc/provider-schemas'

interface ProviderFieldsProps {
  orgs: { id: string; name: string }[]
  errors?: Record<string, string[]>
  /** The provider being edited: its values filled in, and its client secret optional. */
  provider?: ProviderResponse
}

/** The settings of a provider, shared by the Add and Edit dialogs (the slug is each dialog's own). */
export function ProviderFields({ orgs, errors, provider }: ProviderFieldsProps) {
  const [orgId, setOrgId] = useState(provider?.default_org_id ?? '')
  return (
    <>
      <FormField
        name="name"
        label="Display name"
        autoComplete="off"
        required
        defaultValue={provider?.name}
        hint="On the sign-in button: “Sign in with …”."
        errors={errors?.name}
      />
      <FormField
        name="issuer"
        label="Issuer URL"
        type="url"
        autoComplete="off"
        required
        placeholder="https://sso.example.com/realms/team"
        defaultValue={provider?.issuer}
        errors={errors?.issuer}
      />
      <FormField
        name="client_id"
        label="Client ID"
        autoComplete="off"
        required
        defaultValue={provider?.client_id}
        errors={errors?.client_id}
      />
      <FormField
        name="client_secret"
        label="Client secret"
        type="password"
        autoComplete="off"
        required={!provider}
        hint={provider ? 'Leave empty to keep the stored secret.' : 'Stored encrypted; it is never shown again.'}
        errors={errors?.client_secret}
      />
      <FormField
        name="allowed_domains"
        label="Allowed e-mail domains"
        autoComplete="off"
        placeholder="example.com, example.org"
        defaultValue={provider?.allowed_domains.join(', ')}
        hint="Only these domains may sign in or get an account. Empty allows any domain the provider vouches for."
        errors={errors?.allowed_domains}
      />
      <FormField
        name="scopes"
        label="Scopes"
        autoComplete="off"
        defaultValue={provider?.scopes.join(' ') ?? 'openid email profile'}
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
          <NativeSelect
            id="provider-default-role"
            name="default_role"
            defaultValue={provider?.default_role ?? 'member'}
          >
            <option value="viewer">viewer</option>
            <option value="member">member</option>
            <option value="admin">admin</option>
          </NativeSelect>
        </div>
      )}
    </>
  )
}
