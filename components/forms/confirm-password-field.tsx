'use client'

import { PasswordField } from './password-field'

/** The current password, asked again before a change a borrowed session must not make. */
export function ConfirmPasswordField({ errors }: { errors?: string[] }) {
  return <PasswordField name="password" label="Your current password" autoComplete="current-password" errors={errors} />
}
