'use client'

import { type ComponentProps, type ReactNode, useId } from 'react'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Textarea } from '@/components/ui/textarea'

interface FieldFrameProps {
  name: string
  label: string
  hint?: ReactNode
  errors?: string[]
  id?: string
  /** The control, given the props that tie it to its label, hint and errors. */
  children: (control: { id: string; name: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode
}

/**
 * A label, a control, and its hint and errors announced with it (aria-describedby). Ids are unique
 * per field, so two forms on one page (a dialog over a settings form) never share a label target.
 */
function FieldFrame({ name, label, hint, errors, id: givenId, children }: FieldFrameProps) {
  const generatedId = useId()
  const id = givenId ?? `${name}-${generatedId.replace(/:/g, '')}`
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = errors?.length ? `${id}-error` : undefined
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      {children({
        id,
        name,
        'aria-invalid': errors?.length ? true : undefined,
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
      })}
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

interface FieldProps {
  name: string
  label: string
  hint?: ReactNode
  errors?: string[]
}

export function FormField({ name, label, hint, errors, id, ...inputProps }: FieldProps & ComponentProps<'input'>) {
  return (
    <FieldFrame name={name} label={label} hint={hint} errors={errors} id={id}>
      {(control) => <Input {...control} {...inputProps} />}
    </FieldFrame>
  )
}

export function TextareaField({
  name,
  label,
  hint,
  errors,
  id,
  ...textareaProps
}: FieldProps & ComponentProps<'textarea'>) {
  return (
    <FieldFrame name={name} label={label} hint={hint} errors={errors} id={id}>
      {(control) => <Textarea {...control} {...textareaProps} />}
    </FieldFrame>
  )
}
