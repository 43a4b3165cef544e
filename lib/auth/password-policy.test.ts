import { describe, expect, it } from 'vitest'
import { passwordPolicyErrors } from './password-policy'

const policy = { minLength: 12, requireUppercase: true, requireSymbol: true }

describe('password policy', () => {
  it('passes a password that meets every rule', () => {
    expect(passwordPolicyErrors('Correct-Horse-42', policy, 'ada@example.com')).toEqual([])
  })

  it('names each broken rule', () => {
    expect(passwordPolicyErrors('short', policy)).toEqual(['Use at least 12 characters.', 'Include an uppercase letter.', 'Include a symbol, such as ! or #.'])
  })

  it('refuses the e-mail name inside the password', () => {
    expect(passwordPolicyErrors('Lovelace-Rules-1', policy, 'lovelace@example.com')).toEqual(['Do not include the name part of your e-mail address.'])
  })

  it('follows the configured switches', () => {
    expect(passwordPolicyErrors('alllowercaseletters', { minLength: 8, requireUppercase: false, requireSymbol: false })).toEqual([])
  })

  it('caps the length', () => {
    expect(passwordPolicyErrors(`A!${'x'.repeat(300)}`, policy)).toEqual(['Use at most 256 characters.'])
  })
})
