'use client'

import { type FormEvent, startTransition, useActionState } from 'react'

/**
 * useActionState for a form whose controls must keep what the user chose after a save. React resets
 * a form once its `action` has run, and Radix switches follow that reset back to their first value,
 * so a failed save would silently undo the user's choices (and a good one would show the old ones).
 */
export function useKeptFormAction<State>(action: (state: State | null, form: FormData) => Promise<State>) {
  const [state, dispatch, pending] = useActionState(action, null)
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    startTransition(() => dispatch(form))
  }
  return [state, onSubmit, pending] as const
}
