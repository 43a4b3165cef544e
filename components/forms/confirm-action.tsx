'use client'

import { FormAlert } from '@/components/forms/form-alert'
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog'
import { Button } from '@/components/ui/button'
import { type FormAction, useActionDialog } from './use-action-dialog'

export interface ConfirmActionProps {
  trigger: React.ReactNode
  title: string
  description: React.ReactNode
  action: FormAction
  hidden: Record<string, string>
  confirmLabel: string
  destructive?: boolean
  /** Opened from a menu instead of a trigger of its own. */
  open?: boolean
  onOpenChange?: (open: boolean) => void
}

/** Asks before a consequential change, then runs the action; a refusal is shown in the dialog. */
export function ConfirmAction({
  trigger,
  title,
  description,
  action,
  hidden,
  confirmLabel,
  destructive = true,
  open: controlledOpen,
  onOpenChange,
}: ConfirmActionProps) {
  const { open, setOpen, state, onSubmit, pending } = useActionDialog(action, { open: controlledOpen, onOpenChange })
  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      {trigger && <AlertDialogTrigger asChild>{trigger}</AlertDialogTrigger>}
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        <form onSubmit={onSubmit} className="grid gap-4">
          {state && !state.ok && <FormAlert state={state} />}
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <AlertDialogFooter>
            <AlertDialogCancel type="button">Cancel</AlertDialogCancel>
            <Button type="submit" variant={destructive ? 'destructive' : 'default'} disabled={pending}>
              {pending ? 'Working…' : confirmLabel}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  )
}
