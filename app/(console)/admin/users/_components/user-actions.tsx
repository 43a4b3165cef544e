'use client'

import { useState } from 'react'
import { RowMenu } from '@/components/console/row-menu'
import { ConfirmAction } from '@/components/forms/confirm-action'
import { DropdownMenuItem, DropdownMenuSeparator } from '@/components/ui/dropdown-menu'
import { changeUserAction, deleteUserAction } from '../actions'

type Change = 'make_admin' | 'remove_admin' | 'disable' | 'enable' | 'delete'

const COPY: Record<
  Change,
  { label: string; title: (email: string) => string; description: string; destructive: boolean }
> = {
  make_admin: {
    label: 'Make administrator…',
    title: (email) => `Make ${email} an administrator?`,
    description: 'They can manage every user and the instance settings.',
    destructive: false,
  },
  remove_admin: {
    label: 'Remove administrator…',
    title: (email) => `Remove admin rights from ${email}?`,
    description: 'They keep their account and their organizations.',
    destructive: true,
  },
  disable: {
    label: 'Disable account…',
    title: (email) => `Disable ${email}?`,
    description: 'Their sessions and tokens end at once and they cannot sign in until enabled again.',
    destructive: true,
  },
  enable: {
    label: 'Enable account…',
    title: (email) => `Enable ${email}?`,
    description: 'They can sign in again.',
    destructive: false,
  },
  delete: {
    label: 'Delete account…',
    title: (email) => `Delete ${email}?`,
    description: 'The account and its memberships are removed. This cannot be undone.',
    destructive: true,
  },
}

export function UserActions({
  user,
  isSelf,
}: {
  user: { id: string; email: string; isAdmin: boolean; disabled: boolean }
  isSelf: boolean
}) {
  const [change, setChange] = useState<Change | null>(null)
  if (isSelf) return <span className="text-muted-foreground text-xs">you</span>
  const changes: Change[] = [user.isAdmin ? 'remove_admin' : 'make_admin', user.disabled ? 'enable' : 'disable']
  const copy = change ? COPY[change] : undefined
  return (
    <>
      <RowMenu label={`Actions for ${user.email}`}>
        {changes.map((item) => (
          <DropdownMenuItem key={item} onSelect={() => setChange(item)}>
            {COPY[item].label}
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem variant="destructive" onSelect={() => setChange('delete')}>
          {COPY.delete.label}
        </DropdownMenuItem>
      </RowMenu>
      {copy && change && (
        <ConfirmAction
          trigger={null}
          open
          onOpenChange={(open) => !open && setChange(null)}
          title={copy.title(user.email)}
          description={copy.description}
          action={change === 'delete' ? deleteUserAction : changeUserAction}
          hidden={change === 'delete' ? { user_id: user.id } : { user_id: user.id, change }}
          confirmLabel={copy.label.replace('…', '')}
          destructive={copy.destructive}
        />
      )}
    </>
  )
}
