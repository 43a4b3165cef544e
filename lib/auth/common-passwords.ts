import { dictionary } from '@zxcvbn-ts/language-common'

// zxcvbn-ts's list of the ~49,000 passwords met most often in breaches, lower-cased. Isomorphic:
// the server enforces it, and the password field loads it lazily to tick the rule off as you type.
const COMMON = new Set(dictionary['passwords-common'].map((password) => password.toLowerCase()))

/** A common password, also with only digits or symbols added around it (Password123!, !!qwerty2024). */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase()
  if (COMMON.has(lower)) return true
  const letters = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')
  return letters.length > 0 && COMMON.has(letters)
}

export const COMMON_PASSWORD_COUNT = COMMON.size
