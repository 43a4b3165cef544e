'use client'

import { useState } from 'react'
import { FormAlert } from '@/components/forms/form-alert'
import { useKeptFormAction } from '@/components/forms/use-kept-form-action'
import { Button } from '@/components/ui/button'
import { Label } from '@/components/ui/label'
import { Switch } from '@/components/ui/switch'
import { updateGuestAccessAction } from '../actions'

/**
 * The owners' switch for guest access. Off at the instance (ALLOW_GUEST_MODE), it cannot be turned
 * on, but one stored on can still be turned off, so an owner is never stuck with it.
 */
export function GuestAccessForm({
  org,
  canEdit,
  allowGuestMode,
}: {
  org: { slug: string; guestAccess: boolean }
  canEdit: boolean
  allowGuestMode: boolean
}) {
  const [state, onSubmit, pending] = useKeptFormAction(updateGuestAccessAction)
  const [guestAccess, setGuestAccess] = useState(org.guestAccess)
  const locked = !canEdit || (!allowGuestMode && !org.guestAccess)
  const hint = !allowGuestMode
    ? org.guestAccess
      ? 'Guests cannot get in while ALLOW_GUEST_MODE is off on this instance. Turn on ALLOW_GUEST_MODE to allow this, or switch it off here.'
      : 'Turn on ALLOW_GUEST_MODE to allow this.'
    : `Anyone can open /orgs/${org.slug}/files without signing in, list the files and download them. They see nothing else and change nothing.`
  return (
    <form onSubmit={onSubmit} className="grid gap-6" noValidate>
      <FormAlert state={state} />
      <input type="hidden" name="org" value={org.slug} />
      <div className="flex items-start justify-between gap-4">
        <div className="grid gap-1">
          <Label htmlFor="guest_access">Guest access (anonymous visitors can read files)</Label>
          <p id="guest_access-hint" className="text-muted-foreground text-sm">
            {hint}
          </p>
        </div>
        <Switch
          id="guest_access"
          name="guest_access"
          checked={guestAccess}
          onCheckedChange={setGuestAccess}
          disabled={locked}
          aria-describedby="guest_access-hint"
        />
      </div>
      {canEdit ? (
        <div>
          <Button type="submit" variant="outline" disabled={pending || locked}>
            {pending ? 'Saving…' : 'Save guest access'}
          </Button>
        </div>
      ) : (
        <p className="text-muted-foreground text-sm">Only owners can change guest access.</p>
      )}
    </form>
  )
}
