'use client'

import { type ComponentProps, type ReactNode, useId } from 'react'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'

interface FormFieldProps extends ComponentProps<'input'> {
  name: string
  label: string
  hint?: ReactNode
  errors?: string[]
}

/**
 * A labelled input whose hint and errors are announced with it (aria-describedby). Ids are unique
 * per field, so two forms on one page (a dialog over a settings form) never share a label target.
 */
export function FormField({ name, label, hint, errors, id: givenId, ...inputProps }: FormFieldProps) {
  const generatedId = useId()
  const id = givenId ?? `${name}-${generatedId.replace(/:/g, '')}`
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = errors?.length ? `${id}-error` : undefined
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} name={name} aria-invalid={errors?.length ? true : undefined} aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined} {...inputProps} />
      {hint && (
        <div id={hintId} className="text-muted-foreground text-xs">
          {hint}
        </div>
      )}
      {errorId && (
        <ul id={errorId} className="text-destructive grid gap-1 text-sm">
          {errors!.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
    </div>
  )
}
