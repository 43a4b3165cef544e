import { AppError } from '@/lib/errors'

/** Password rules from configuration (SPEC §3). Isomorphic: the forms tick off the same rules. */
export interface PasswordPolicy {
  minLength: number
  requireUppercase: boolean
  requireSymbol: boolean
}

export interface PasswordRule {
  message: string
  isMet(password: string, email?: string): boolean
}

export const MAX_PASSWORD_LENGTH = 256

function emailLocalPart(email: string | undefined): string | undefined {
  const local = email?.split('@')[0]?.toLowerCase()
  return local && local.length >= 3 ? local : undefined
}

export function passwordRules(policy: PasswordPolicy): PasswordRule[] {
  const rules: PasswordRule[] = [
    { message: `Use at least ${policy.minLength} characters.`, isMet: (password) => password.length >= policy.minLength },
  ]
  if (policy.requireUppercase) rules.push({ message: 'Include an uppercase letter.', isMet: (password) => /\p{Lu}/u.test(password) })
  if (policy.requireSymbol) rules.push({ message: 'Include a symbol, such as ! or #.', isMet: (password) => /[^\p{L}\p{N}]/u.test(password) })
  rules.push({
    message: 'Do not include the name part of your e-mail address.',
    isMet: (password, email) => {
      const local = emailLocalPart(email)
      return !local || !password.toLowerCase().includes(local)
    },
  })
  return rules
}

/** Every rule the password breaks, as sentences for the field's error list; empty when it passes. */
export function passwordPolicyErrors(password: string, policy: PasswordPolicy, email?: string): string[] {
  const broken = passwordRules(policy)
    .filter((rule) => !rule.isMet(password, email))
    .map((rule) => rule.message)
  if (password.length > MAX_PASSWORD_LENGTH) broken.push(`Use at most ${MAX_PASSWORD_LENGTH} characters.`)
  return broken
}

/** 422 validation_failed naming every broken rule on the `password` field (API and forms alike). */
export function assertPasswordPolicy(password: string, policy: PasswordPolicy, email?: string): void {
  const broken = passwordPolicyErrors(password, policy, email)
  if (broken.length > 0) throw new AppError('validation_failed', 'The password does not meet the policy', broken.map((message) => ({ path: 'password', message })))
}
