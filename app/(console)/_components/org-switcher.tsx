'use client'

import { Check, ChevronsUpDown, Plus } from 'lucide-react'
import { usePathname, useRouter } from 'next/navigation'
import { useState } from 'react'
import { ActionDialog } from '@/components/forms/action-dialog'
import { FormField } from '@/components/forms/form-field'
import { Button } from '@/components/ui/button'
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu'
import { createOrgAction } from '../actions'
import { type NavOrg, useCurrentOrg } from './console-nav'

export function OrgSwitcher({ orgs, primaryOrgId }: { orgs: NavOrg[]; primaryOrgId: string | null }) {
  const router = useRouter()
  const current = useCurrentOrg(orgs, primaryOrgId)
  // Creating redirects to the new organization; the layout (and this state) survives the navigation,
  // so the dialog is open only on the page it was opened on.
  const [creatingOn, setCreatingOn] = useState<string | null>(null)
  const pathname = usePathname()
  return (
    <>
      {/* Not modal: its items open dialogs, which a modal menu would leave aria-hidden. */}
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button
            variant="outline"
            className="h-9 max-w-48 justify-between gap-2 sm:max-w-64"
            aria-label={`Organization: ${current?.name ?? 'none'}. Switch organization`}
          >
            <span className="truncate">{current?.name ?? 'No organization'}</span>
            <ChevronsUpDown className="text-muted-foreground" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-64">
          <DropdownMenuLabel className="text-muted-foreground text-xs font-normal">Organizations</DropdownMenuLabel>
          {orgs.map((org) => (
            <DropdownMenuItem key={org.id} onSelect={() => router.push(`/orgs/${org.slug}`)}>
              <span className="min-w-0 flex-1 truncate">{org.name}</span>
              <span className="text-muted-foreground text-xs">{org.role}</span>
              {org.id === current?.id && <Check className="size-4" aria-label="current" />}
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setCreatingOn(pathname)}>
            <Plus /> New organization
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <ActionDialog
        open={creatingOn === pathname}
        onOpenChange={(open) => setCreatingOn(open ? pathname : null)}
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
    </>
  )
}
