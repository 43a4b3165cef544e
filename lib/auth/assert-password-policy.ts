import 'server-only'
import { AppError } from '@/lib/errors'
import { isCommonPassword } from './common-passwords'
import { type PasswordPolicy, passwordPolicyErrors } from './password-policy'

/** 422 validation_failed naming every broken rule, common passwords included, on the password's field (API and forms alike). */
export function assertPasswordPolicy(
  password: string,
  policy: PasswordPolicy,
  email?: string,
  field = 'password',
): void {
  const broken = passwordPolicyErrors(password, policy, email, isCommonPassword)
  if (broken.length > 0)
    throw new AppError(
      'validation_failed',
      'The password does not meet the policy',
      broken.map((message) => ({ path: field, message })),
    )
}
