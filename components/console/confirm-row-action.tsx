'use client'

import { useState } from 'react'
import { ConfirmAction, type ConfirmActionProps } from '@/components/forms/confirm-action'
import { DropdownMenuItem } from '@/components/ui/dropdown-menu'
import { RowMenu } from './row-menu'

/** A table row's menu with one consequential action behind a confirmation dialog. */
export function ConfirmRowAction({
  menuLabel,
  itemLabel,
  ...confirm
}: { menuLabel: string; itemLabel: string } & Omit<ConfirmActionProps, 'trigger' | 'open' | 'onOpenChange'>) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <RowMenu label={menuLabel}>
        <DropdownMenuItem variant="destructive" onSelect={() => setOpen(true)}>
          {itemLabel}
        </DropdownMenuItem>
      </RowMenu>
      <ConfirmAction {...confirm} trigger={null} open={open} onOpenChange={setOpen} />
    </>
  )
}
