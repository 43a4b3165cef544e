import { describe, expect, it } from 'vitest'
import { safeCallbackPath } from './safe-callback'

describe('post-sign-in redirect target', () => {
  it.each(['https://evil.example', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '', undefined])(
    'refuses %s',
    (target) => {
      expect(safeCallbackPath(target)).toBe('/')
    },
  )

  it('keeps same-site paths with their query', () => {
    expect(safeCallbackPath('/orgs/acme/secrets?tab=history')).toBe('/orgs/acme/secrets?tab=history')
  })
})
