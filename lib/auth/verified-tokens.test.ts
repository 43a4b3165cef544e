import { describe, expect, it } from 'vitest'
import { VerifiedTokens } from './verified-tokens'

describe('VerifiedTokens', () => {
  it('serves an entry until its expiry, and not from then on', () => {
    const cache = new VerifiedTokens<string>()
    cache.set('a', 'claims', 1_000)
    expect(cache.get('a', 999)).toBe('claims')
    expect(cache.get('a', 1_000)).toBeUndefined()
    expect(cache.get('a', 0)).toBeUndefined() // an expired entry is dropped, not kept for later
  })

  it('knows nothing of a token it was not given', () => {
    const cache = new VerifiedTokens<string>()
    cache.set('a', 'claims', 1_000)
    expect(cache.get('b', 0)).toBeUndefined()
  })

  it('drops the least recently used entry beyond its capacity', () => {
    const cache = new VerifiedTokens<string>(2)
    cache.set('a', 'A', 1_000)
    cache.set('b', 'B', 1_000)
    expect(cache.get('a', 0)).toBe('A') // a is now the most recently used
    cache.set('c', 'C', 1_000)
    expect(cache.size).toBe(2)
    expect(cache.get('b', 0)).toBeUndefined()
    expect(cache.get('a', 0)).toBe('A')
    expect(cache.get('c', 0)).toBe('C')
  })
})
