'use client'

import { Turnstile, type TurnstileInstance } from '@marsidev/react-turnstile'
import { useEffect, useRef } from 'react'

/**
 * Cloudflare Turnstile; its token goes with the form as `turnstile_token`. A token is good once,
 * so the widget starts over whenever the form comes back (`attempt` changes).
 */
export function TurnstileField({
  siteKey,
  action,
  errors,
  attempt,
}: {
  siteKey: string
  action: string
  errors?: string[]
  attempt: unknown
}) {
  const widget = useRef<TurnstileInstance>(null)
  useEffect(() => {
    if (attempt) widget.current?.reset()
  }, [attempt])
  return (
    <div className="grid gap-1">
      <Turnstile
        ref={widget}
        siteKey={siteKey}
        options={{ action, responseFieldName: 'turnstile_token', size: 'flexible', theme: 'auto' }}
      />
      {errors?.length ? (
        <ul className="text-destructive grid gap-1 text-sm">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
