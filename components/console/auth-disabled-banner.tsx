import { TriangleAlert } from 'lucide-react'

/** On every page while AUTH_ENABLED=false: this instance lets anyone on the machine act as an administrator. */
export function AuthDisabledBanner() {
  return (
    <div role="alert" className="bg-destructive px-4 py-2 text-center text-sm font-medium text-white">
      <TriangleAlert className="mr-1.5 inline size-4 align-text-bottom" aria-hidden />
      Authentication is off (AUTH_ENABLED=false): every visitor acts as an administrator. For local development only.
    </div>
  )
}
