import { CircleAlert, CircleCheck } from 'lucide-react'
import { Alert, AlertDescription } from '@/components/ui/alert'
import type { ActionResult } from '@/lib/actions/define-action'

/** The form-level message of an action result, announced to screen readers as it appears. */
export function FormAlert({ state }: { state: ActionResult | null }) {
  if (!state) return null
  if (state.ok) {
    return state.message ? (
      <Alert>
        <CircleCheck />
        <AlertDescription>{state.message}</AlertDescription>
      </Alert>
    ) : null
  }
  return (
    <Alert variant="destructive">
      <CircleAlert />
      <AlertDescription>{state.error}</AlertDescription>
    </Alert>
  )
}
