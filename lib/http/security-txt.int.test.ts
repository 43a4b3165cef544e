import { afterEach, describe, expect, it } from 'vitest'
import { GET } from '@/app/.well-known/security.txt/route'
import { callRoute } from '@/lib/testing/http'
import { createTestRuntime, type TestRuntime, testConfig } from '@/lib/testing/runtime'

describe('/.well-known/security.txt', () => {
  let t: TestRuntime | undefined
  afterEach(async () => {
    await t?.cleanup()
    t = undefined
  })

  it('is a problem+json 404 while no contact is configured', async () => {
    t = await createTestRuntime()
    const response = await callRoute(GET, '/.well-known/security.txt')
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
  })

  it('names the contacts, a canonical URL and an Expires under a year ahead (RFC 9116)', async () => {
    t = await createTestRuntime({
      ADMIN_CONTACT_EMAIL: 'security@example.com',
      ADMIN_CONTACT_URL: 'https://example.com/security',
      APP_URL: 'https://gatehouse.example.com',
    })
    const response = await callRoute(GET, '/.well-known/security.txt')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    const lines = (await response.text()).trimEnd().split('\n')
    expect(lines).toEqual([
      'Contact: mailto:security@example.com',
      'Contact: https://example.com/security',
      expect.stringMatching(/^Expires: \d{4}-\d{2}-\d{2}T00:00:00\.000Z$/),
      'Canonical: https://gatehouse.example.com/.well-known/security.txt',
      'Preferred-Languages: en',
    ])
    const expires = new Date(lines[2].slice('Expires: '.length)).getTime()
    expect(expires).toBeGreaterThan(Date.now() + 150 * 86_400_000)
    expect(expires).toBeLessThan(Date.now() + 365 * 86_400_000)
  })

  // Attack: a contact value that smuggles in a line of its own (another Contact, say).
  it('refuses a contact that would add lines of its own', () => {
    expect(() => testConfig({ ADMIN_CONTACT_EMAIL: 'a@example.com\nContact: mailto:evil@example.com' })).toThrow(
      /ADMIN_CONTACT_EMAIL/,
    )
    expect(() => testConfig({ ADMIN_CONTACT_URL: 'https://example.com/\nContact: https://evil.example' })).toThrow(
      /ADMIN_CONTACT_URL/,
    )
  })
})
