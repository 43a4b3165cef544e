/**
 * Open redirect: a sign-in link such as /login?callbackUrl=/.//evil.example must not send a signed-in
 * user to another site. Every target is checked as the browser will resolve it.
 */
import { describe, expect, it } from 'vitest'
import { safeCallbackPath } from './safe-callback'

describe('post-sign-in redirect target', () => {
  it.each([
    'https://evil.example',
    'https://x',
    '//evil.example/x',
    '//x',
    '/.//x',
    '/..//x',
    '/%2e//x',
    '/%2E%2E//x',
    '/././/x',
    '/\\x',
    '/\\/x',
    '/\t/x',
    '/\n/x',
    '/ /x',
    'javascript:alert(1)',
    'x',
    '',
    undefined,
    null,
  ])('refuses %j', (target) => {
    expect(safeCallbackPath(target)).toBe('/')
  })

  it('never answers a target that a browser reads as another host', () => {
    for (const target of ['/%2F%2Fx', '/%5Cx', '/a/../..//x', '/%09/x']) {
      const answer = safeCallbackPath(target)
      expect(new URL(answer, 'https://gatehouse.example').host).toBe('gatehouse.example')
      expect(answer.startsWith('//')).toBe(false)
    }
  })

  it('keeps same-site paths with their query', () => {
    expect(safeCallbackPath('/orgs/acme/secrets?tab=history')).toBe('/orgs/acme/secrets?tab=history')
    expect(safeCallbackPath('/')).toBe('/')
    expect(safeCallbackPath('/a/./b/../c')).toBe('/a/c')
  })
})
