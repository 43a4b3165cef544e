import { describe, expect, it } from 'vitest'
import { COMMON_PASSWORD_COUNT, isCommonPassword } from './common-passwords'
import { passwordPolicyErrors } from './password-policy'

const policy = { minLength: 12, requireUppercase: true, requireSymbol: true }

describe('password policy', () => {
  it('passes a password that meets every rule', () => {
    expect(passwordPolicyErrors('Correct-Horse-42', policy, 'ada@example.com')).toEqual([])
  })

  it('names each broken rule', () => {
    expect(passwordPolicyErrors('short', policy)).toEqual([
      'Use at least 12 characters.',
      'Include an uppercase letter.',
      'Include a symbol, such as ! or #.',
    ])
  })

  it('refuses the e-mail name inside the password', () => {
    expect(passwordPolicyErrors('Lovelace-Rules-1', policy, 'lovelace@example.com')).toEqual([
      'Do not include the name part of your e-mail address.',
    ])
  })

  it('follows the configured switches', () => {
    expect(
      passwordPolicyErrors('alllowercaseletters', { minLength: 8, requireUppercase: false, requireSymbol: false }),
    ).toEqual([])
  })

  it('caps the length', () => {
    expect(passwordPolicyErrors(`A!${'x'.repeat(300)}`, policy)).toEqual(['Use at most 256 characters.'])
  })

  it('ships at least 10,000 common passwords and refuses them, also dressed up with digits and symbols', () => {
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThanOrEqual(10_000)
    for (const password of ['Password1234!', 'Qwertyuiop!!', '!!Iloveyou2024', 'Football#1234', '123456789012']) {
      expect(isCommonPassword(password), password).toBe(true)
    }
    expect(passwordPolicyErrors('Password1234!', policy, undefined, isCommonPassword)).toEqual([
      'Do not use a common password.',
    ])
  })

  it('lets through passwords that only contain a common word among others', () => {
    for (const password of ['Correct-Horse-42', 'Monkey-Business-7', 'Tr0ub4dor&3-staple'])
      expect(isCommonPassword(password), password).toBe(false)
    expect(passwordPolicyErrors('Correct-Horse-42', policy, 'ada@example.com', isCommonPassword)).toEqual([])
  })
})
