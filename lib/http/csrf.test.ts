/** Attack: another site makes a signed-in browser send a state-changing request (CSRF). */
import { describe, expect, it } from 'vitest'
import { assertCsrf } from './csrf'

const APP = 'https://id.example.com'
const CONFIG = { appUrl: APP, isHttps: true }
/** Over HTTPS the cookie is __Host-gatehouse-csrf; a cookie of any other name is not the token. */
const request = (headers: Record<string, string>, cookie?: string) => ({
  headers: new Headers(headers),
  cookie: (name: string) => (name === '__Host-gatehouse-csrf' ? cookie : 'planted'),
})

describe('CSRF check for cookie-authenticated writes', () => {
  it('accepts a same-origin request that echoes the cookie', () => {
    expect(() => assertCsrf(request({ origin: APP, 'x-csrf-token': 'tok' }, 'tok'), CONFIG)).not.toThrow()
    expect(() =>
      assertCsrf(request({ 'sec-fetch-site': 'same-origin', 'x-csrf-token': 'tok' }, 'tok'), CONFIG),
    ).not.toThrow()
  })

  it.each([
    ['a cross-site Origin', { origin: 'https://evil.example', 'x-csrf-token': 'tok' }, 'tok'],
    ['no Origin from another site', { 'sec-fetch-site': 'cross-site', 'x-csrf-token': 'tok' }, 'tok'],
    ['a missing header', { origin: APP }, 'tok'],
    ['a header that differs from the cookie', { origin: APP, 'x-csrf-token': 'other' }, 'tok'],
    ['no cookie', { origin: APP, 'x-csrf-token': 'tok' }, undefined],
    [
      'a cookie by the unprefixed name, which a sibling host could plant',
      { origin: APP, 'x-csrf-token': 'planted' },
      undefined,
    ],
  ])('refuses %s with 403 csrf_failed', (_name, headers, cookie) => {
    expect(() => assertCsrf(request(headers as Record<string, string>, cookie), CONFIG)).toThrow(
      expect.objectContaining({ code: 'csrf_failed', status: 403 }),
    )
  })
})
