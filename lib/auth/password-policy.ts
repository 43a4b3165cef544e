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

/** A check against the list of common passwords (lib/auth/common-passwords.ts), passed in so that forms can load the list lazily. */
export type CommonPasswordCheck = (password: string) => boolean

export function passwordRules(policy: PasswordPolicy, isCommon?: CommonPasswordCheck): PasswordRule[] {
  const rules: PasswordRule[] = [
    {
      message: `Use at least ${policy.minLength} characters.`,
      isMet: (password) => password.length >= policy.minLength,
    },
  ]
  if (policy.requireUppercase)
    rules.push({ message: 'Include an uppercase letter.', isMet: (password) => /\p{Lu}/u.test(password) })
  if (policy.requireSymbol)
    rules.push({ message: 'Include a symbol, such as ! or #.', isMet: (password) => /[^\p{L}\p{N}]/u.test(password) })
  rules.push({
    message: 'Do not include the name part of your e-mail address.',
    isMet: (password, email) => {
      const local = emailLocalPart(email)
      return !local || !password.toLowerCase().includes(local)
    },
  })
  if (isCommon) rules.push({ message: 'Do not use a common password.', isMet: (password) => !isCommon(password) })
  return rules
}

/** Every rule the password breaks, as sentences for the field's error list; empty when it passes. */
export function passwordPolicyErrors(
  password: string,
  policy: PasswordPolicy,
  email?: string,
  isCommon?: CommonPasswordCheck,
): string[] {
  const broken = passwordRules(policy, isCommon)
    .filter((rule) => !rule.isMet(password, email))
    .map((rule) => rule.message)
  if (password.length > MAX_PASSWORD_LENGTH) broken.push(`Use at most ${MAX_PASSWORD_LENGTH} characters.`)
  return broken
}
