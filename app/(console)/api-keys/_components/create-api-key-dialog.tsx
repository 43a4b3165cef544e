'use client'

import { KeyRound, TriangleAlert } from 'lucide-react'
import { useActionState, useState } from 'react'
import { CopyButton } from '@/components/console/copy-button'
import { FormAlert } from '@/components/forms/form-alert'
import { FormField } from '@/components/forms/form-field'
import { Alert, AlertDescription } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { Label } from '@/components/ui/label'
import { NativeSelect } from '@/components/ui/native-select'
import { EXPIRY_PRESETS } from '@/lib/api-keys/form-schemas'
import { createApiKeyAction } from '../actions'

export interface KeyOrg {
  id: string
  slug: string
  name: string
  /** The permissions the user holds there: the scopes a key may have. */
  permissions: string[]
}

function groupByResource(permissions: string[]): [string, string[]][] {
  const groups = new Map<string, string[]>()
  for (const permission of permissions)
    groups.set(permission.split(':')[0], [...(groups.get(permission.split(':')[0]) ?? []), permission])
  return [...groups]
}

/** Create a key, then show it once with a copy button; closing the dialog forgets it. */
export function CreateApiKeyDialog({ orgs, defaultOrgSlug }: { orgs: KeyOrg[]; defaultOrgSlug?: string }) {
  const [open, setOpen] = useState(false)
  const [attempt, setAttempt] = useState(0)
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (!next) setAttempt((n) => n + 1) // a fresh form, and the revealed key gone, next time
      }}
    >
      <DialogTrigger asChild>
        <Button disabled={orgs.length === 0}>
          <KeyRound /> Create API key
        </Button>
      </DialogTrigger>
      <DialogContent>
        <CreateApiKeyForm key={attempt} orgs={orgs} defaultOrgSlug={defaultOrgSlug} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  )
}

function CreateApiKeyForm({
  orgs,
  defaultOrgSlug,
  onDone,
}: {
  orgs: KeyOrg[]
  defaultOrgSlug?: string
  onDone: () => void
}) {
  const [state, formAction, pending] = useActionState(createApiKeyAction, null)
  const [orgSlug, setOrgSlug] = useState(orgs.find((org) => org.slug === defaultOrgSlug)?.slug ?? orgs[0]?.slug)
  const org = orgs.find((candidate) => candidate.slug === orgSlug)
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined
  if (state?.ok && state.reveal) {
    return (
      <>
        <DialogHeader>
          <DialogTitle>Copy your API key</DialogTitle>
          <DialogDescription>{state.message}</DialogDescription>
        </DialogHeader>
        <div className="grid gap-3">
          <Label htmlFor="new-api-key">API key</Label>
          <code id="new-api-key" className="bg-muted rounded-md p-3 font-mono text-sm break-all select-all">
            {state.reveal}
          </code>
          <Alert>
            <TriangleAlert />
            <AlertDescription>
              Store it in your secret manager. Gatehouse keeps only a hash and cannot show it again.
            </AlertDescription>
          </Alert>
        </div>
        <DialogFooter>
          <CopyButton value={state.reveal} label="Copy key" />
          <Button type="button" onClick={onDone}>
            Done
          </Button>
        </DialogFooter>
      </>
    )
  }
  return (
    <>
      <DialogHeader>
        <DialogTitle>Create API key</DialogTitle>
        <DialogDescription>
          A key acts for you in one organization, with the scopes you choose, and never more than your role there
          allows.
        </DialogDescription>
      </DialogHeader>
      <form action={formAction} className="grid gap-4" noValidate>
        {state && !state.ok && <FormAlert state={state} />}
        <FormField
          name="name"
          label="Name"
          placeholder="CI deploys"
          autoComplete="off"
          required
          errors={fieldErrors?.name}
        />
        <div className="grid gap-2 sm:grid-cols-2">
          <div className="grid gap-2">
            <Label htmlFor="api-key-org">Organization</Label>
            <NativeSelect
              id="api-key-org"
              name="org"
              value={orgSlug}
              onChange={(event) => setOrgSlug(event.target.value)}
            >
              {orgs.map((candidate) => (
                <option key={candidate.id} value={candidate.slug}>
                  {candidate.name}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="grid gap-2">
            <Label htmlFor="api-key-expiry">Expires</Label>
            <NativeSelect id="api-key-expiry" name="expires_in" defaultValue="90">
              {Object.entries(EXPIRY_PRESETS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label === 'Never' ? 'Never' : `In ${label}`}
                </option>
              ))}
            </NativeSelect>
          </div>
        </div>
        <fieldset className="grid gap-2">
          <legend className="mb-2 text-sm font-medium">Scopes</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            {groupByResource(org?.permissions ?? []).map(([resource, permissions]) => (
              <div key={`${orgSlug}-${resource}`} className="grid content-start gap-2 rounded-md border p-3">
                {permissions.map((permission) => (
                  <div key={permission} className="flex items-center gap-2">
                    <Checkbox id={`scope-${permission}`} name="scopes" value={permission} />
                    <Label htmlFor={`scope-${permission}`} className="font-mono text-xs">
                      {permission}
                    </Label>
                  </div>
                ))}
              </div>
            ))}
          </div>
          {fieldErrors?.scopes?.map((error) => (
            <p key={error} className="text-destructive text-sm">
              {error}
            </p>
          ))}
        </fieldset>
        <DialogFooter>
          <Button type="button" variant="outline" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? 'Creating…' : 'Create key'}
          </Button>
        </DialogFooter>
      </form>
    </>
  )
}
