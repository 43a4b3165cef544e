'use client'

import { FormAlert } from '@/components/forms/form-alert'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { type FormAction, useActionDialog } from './use-action-dialog'

export type { FormAction }

interface ActionDialogProps {
  trigger?: React.ReactNode
  /** Opened from a menu instead of a trigger of its own. */
  open?: boolean
  onOpenChange?: (open: boolean) => void
  title: string
  description?: string
  action: FormAction
  hidden?: Record<string, string>
  submitLabel: string
  /** The fields; given the field errors of the last attempt. */
  children: (fieldErrors: Record<string, string[]> | undefined) => React.ReactNode
}

/** A form in a dialog: it closes when the action succeeds and keeps what was typed when it fails. */
export function ActionDialog({
  trigger,
  open: controlledOpen,
  onOpenChange,
  title,
  description,
  action,
  hidden = {},
  submitLabel,
  children,
}: ActionDialogProps) {
  const { open, setOpen, state, onSubmit, pending } = useActionDialog(action, { open: controlledOpen, onOpenChange })
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      {trigger && <DialogTrigger asChild>{trigger}</DialogTrigger>}
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          {description && <DialogDescription>{description}</DialogDescription>}
        </DialogHeader>
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          {state && !state.ok && <FormAlert state={state} />}
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {children(fieldErrors)}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? 'Saving…' : submitLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
