'use client'

import { useEffect, useId, useState } from 'react'
import type { CommonPasswordCheck, PasswordPolicy } from '@/lib/auth/password-policy'
import { FormField } from './form-field'
import { PasswordRules } from './password-rules'

/**
 * A new password with the configured rules ticked off as it is typed. Controlled, so React's reset
 * after a refused submit does not wipe it. The common-password list (~500 kB) loads once the user
 * starts typing, not with the page.
 */
export function NewPasswordField({
  name = 'password',
  label,
  policy,
  email,
  errors,
}: {
  name?: string
  label: string
  policy: PasswordPolicy
  email?: string
  errors?: string[]
}) {
  const [password, setPassword] = useState('')
  const [isCommon, setIsCommon] = useState<CommonPasswordCheck>()
  const rulesId = useId()
  const typing = password.length > 0
  useEffect(() => {
    if (!typing || isCommon) return
    void import('@/lib/auth/common-passwords').then(({ isCommonPassword }) => setIsCommon(() => isCommonPassword))
  }, [typing, isCommon])
  return (
    <FormField
      name={name}
      label={label}
      type="password"
      autoComplete="new-password"
      required
      value={password}
      onChange={(event) => setPassword(event.target.value)}
      hint={<PasswordRules id={rulesId} policy={policy} password={password} email={email} isCommon={isCommon} />}
      errors={errors}
    />
  )
}
