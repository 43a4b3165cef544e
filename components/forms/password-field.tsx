'use client'

import { useState } from 'react'
import { FormField } from './form-field'

/**
 * A password input that keeps what was typed when the form comes back refused (React resets
 * uncontrolled fields after an action).
 */
export function PasswordField({
  name,
  label,
  autoComplete,
  errors,
}: {
  name: string
  label: string
  autoComplete: 'current-password' | 'new-password'
  errors?: string[]
}) {
  const [value, setValue] = useState('')
  return (
    <FormField
      name={name}
      label={label}
      type="password"
      autoComplete={autoComplete}
      required
      value={value}
      onChange={(event) => setValue(event.target.value)}
      errors={errors}
    />
  )
}
