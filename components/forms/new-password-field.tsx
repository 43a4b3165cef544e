'use client'

import { useId, useState } from 'react'
import type { PasswordPolicy } from '@/lib/auth/password-policy'
import { FormField } from './form-field'
import { PasswordRules } from './password-rules'

/**
 * A new password with the configured rules ticked off as it is typed. Controlled, so React's reset
 * after a refused submit does not wipe it.
 */
export function NewPasswordField({ label, policy, email, errors }: { label: string; policy: PasswordPolicy; email?: string; errors?: string[] }) {
  const [password, setPassword] = useState('')
  const rulesId = useId()
  return (
    <FormField
      name="password"
      label={label}
      type="password"
      autoComplete="new-password"
      required
      value={password}
      onChange={(event) => setPassword(event.target.value)}
      hint={<PasswordRules id={rulesId} policy={policy} password={password} email={email} />}
      errors={errors}
    />
  )
}
