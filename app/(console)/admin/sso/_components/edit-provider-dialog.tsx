'use client'

import { Pencil } from 'lucide-react'
import { ActionDialog } from '@/components/forms/action-dialog'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import { Label } from '@/components/ui/label'
import type { ProviderResponse } from '@/lib/oidc/provider-schemas'
import { updateProviderAction } from '../actions'
import { ProviderFields } from './provider-fields'

interface EditProviderDialogProps {
  provider: ProviderResponse
  orgs: { id: string; name: string }[]
}

/** Changes a provider; saving fetches its discovery document again and clears "needs review". */
export function EditProviderDialog({ provider, orgs }: EditProviderDialogProps) {
  return (
    <ActionDialog
      trigger={
        <Button variant="ghost" size="icon" aria-label={`Edit ${provider.name}`}>
          <Pencil />
        </Button>
      }
      title={`Edit ${provider.name}`}
      description={
        provider.needs_review
          ? 'A sign-in found its endpoints on another host than the ones you accepted, so sign-in with it is stopped. Check the issuer, then save: Gatehouse accepts its current discovery document.'
          : 'Gatehouse fetches the issuer’s discovery document again when you save.'
      }
      action={updateProviderAction}
      hidden={{ slug: provider.slug }}
      submitLabel="Save provider"
    >
      {(errors) => (
        <>
          <p className="text-muted-foreground text-sm">
            Redirect URI: <code className="break-all">{provider.redirect_uri}</code>
          </p>
          <ProviderFields orgs={orgs} errors={errors} provider={provider} />
          <div className="flex items-center gap-2">
            <Checkbox id={`enabled-${provider.slug}`} name="enabled" value="on" defaultChecked={provider.enabled} />
            <Label htmlFor={`enabled-${provider.slug}`}>Enabled: show it on the sign-in page</Label>
          </div>
        </>
      )}
    </ActionDialog>
  )
}
