'use client'

import { Check, ChevronsUpDown, Plus } from 'lucide-react'
import { useRouter } from 'next/navigation'
import { Button } from '@/components/ui/button'
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu'
import { type NavOrg, useCurrentOrg } from './console-nav'
import { CreateOrgDialog, useCreateOrgDialog } from './create-org-dialog'

export function OrgSwitcher({ orgs, primaryOrgId }: { orgs: NavOrg[]; primaryOrgId: string | null }) {
  const router = useRouter()
  const current = useCurrentOrg(orgs, primaryOrgId)
  const createOrg = useCreateOrgDialog()
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
          <DropdownMenuItem onSelect={createOrg.open}>
            <Plus /> New organization
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <CreateOrgDialog {...createOrg.dialogProps} />
    </>
  )
}
