'use client'

import { useState } from 'react'
import { FormAlert } from '@/components/forms/form-alert'
import { FormField } from '@/components/forms/form-field'
import { useKeptFormAction } from '@/components/forms/use-kept-form-action'
import { Button } from '@/components/ui/button'
import { Label } from '@/components/ui/label'
import { Switch } from '@/components/ui/switch'
import { updateOrgAction } from '../actions'

export function OrgSettingsForm({
  org,
  canEdit,
}: {
  org: { slug: string; name: string; requireMfa: boolean }
  canEdit: boolean
}) {
  const [state, onSubmit, pending] = useKeptFormAction(updateOrgAction)
  const [name, setName] = useState(org.name)
  const [requireMfa, setRequireMfa] = useState(org.requireMfa)
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined
  return (
    <form onSubmit={onSubmit} className="grid gap-6" noValidate>
      <FormAlert state={state} />
      <input type="hidden" name="org" value={org.slug} />
      <FormField
        name="name"
        label="Name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        disabled={!canEdit}
        required
        errors={fieldErrors?.name}
      />
      <div className="flex items-start justify-between gap-4">
        <div className="grid gap-1">
          <Label htmlFor="require_mfa">Require two-factor authentication</Label>
          <p id="require_mfa-hint" className="text-muted-foreground text-sm">
            Members without an authenticator app or a passkey are sent to set one up before they can use this
            organization, and their API calls are refused until then.
          </p>
        </div>
        <Switch
          id="require_mfa"
          name="require_mfa"
          checked={requireMfa}
          onCheckedChange={setRequireMfa}
          disabled={!canEdit}
          aria-describedby="require_mfa-hint"
        />
      </div>
      {canEdit ? (
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? 'Saving…' : 'Save settings'}
          </Button>
        </div>
      ) : (
        <p className="text-muted-foreground text-sm">Your role can see these settings but not change them.</p>
      )}
    </form>
  )
}
