'use client'

import { useActionState, useEffect, useState } from 'react'
import type { ActionResult } from '@/lib/actions/define-action'

export type FormAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>

/**
 * State of a dialog that runs a server action: open either by itself or as its parent says, and
 * closed when the action succeeds (a refusal keeps it open with the message).
 */
export function useActionDialog(action: FormAction, controlled?: { open?: boolean; onOpenChange?: (open: boolean) => void }) {
  const [ownOpen, setOwnOpen] = useState(false)
  const open = controlled?.open ?? ownOpen
  const setOpen = controlled?.onOpenChange ?? setOwnOpen
  const [state, formAction, pending] = useActionState(action, null)
  useEffect(() => {
    if (state?.ok) setOpen(false)
  }, [state, setOpen])
  return { open, setOpen, state, formAction, pending }
}
