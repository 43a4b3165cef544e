'use client'

import { useEffect, useRef, useState } from 'react'
import type { ActionResult } from '@/lib/actions/define-action'
import { useKeptFormAction } from './use-kept-form-action'

export type FormAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>

/**
 * State of a dialog that runs a server action: open either by itself or as its parent says, and
 * closed when the action succeeds (a refusal keeps it open with the message, and what was typed).
 */
export function useActionDialog(
  action: FormAction,
  controlled?: { open?: boolean; onOpenChange?: (open: boolean) => void },
) {
  const [ownOpen, setOwnOpen] = useState(false)
  const open = controlled?.open ?? ownOpen
  const setOpen = controlled?.onOpenChange ?? setOwnOpen
  const [state, onSubmit, pending] = useKeptFormAction(action)
  // Close once per success: a parent's onOpenChange is often a new function each render, and
  // re-running on it would shut whatever dialog the parent opens next (a menu's second item).
  const handled = useRef(state)
  useEffect(() => {
    if (state === handled.current) return
    handled.current = state
    if (state?.ok) setOpen(false)
  }, [state, setOpen])
  return { open, setOpen, state, onSubmit, pending }
}
