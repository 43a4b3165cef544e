import { describe, expect, it } from 'vitest'
import { API_KEY_PATTERN, generateApiKey, isWellFormedApiKey, visiblePrefix } from './key-format'

describe('API key format', () => {
  it('is gk_ + 43 base62 characters of secret + a 6-character checksum, different every time', () => {
    const keys = Array.from({ length: 50 }, generateApiKey)
    for (const key of keys) {
      expect(key).toMatch(API_KEY_PATTERN)
      expect(key).toHaveLength(3 + 43 + 6)
      expect(isWellFormedApiKey(key)).toBe(true)
    }
    expect(new Set(keys).size).toBe(50)
    expect(visiblePrefix(keys[0])).toBe(keys[0].slice(0, 11))
  })

  it('catches a typo, a swapped pair and a truncated key without a lookup', () => {
    const key = generateApiKey()
    const typo = `${key.slice(0, 10)}${key[10] === 'a' ? 'b' : 'a'}${key.slice(11)}`
    const swapped = `${key.slice(0, 20)}${key[21]}${key[20]}${key.slice(22)}`
    expect(isWellFormedApiKey(typo)).toBe(false)
    if (key[20] !== key[21]) expect(isWellFormedApiKey(swapped)).toBe(false)
    expect(isWellFormedApiKey(key.slice(0, -1))).toBe(false)
    expect(isWellFormedApiKey(`gk_${'0'.repeat(49)}`)).toBe(false)
    expect(isWellFormedApiKey('ghr_notakey')).toBe(false)
  })
})
