import { describe, expect, it } from 'vitest'
import { clientIp } from './request-meta'

const headers = (xff?: string) => new Headers(xff ? { 'x-forwarded-for': xff } : {})

describe('client IP', () => {
  it('uses the peer address Next appends, ignoring what a client claims, without TRUST_PROXY', () => {
    expect(clientIp(headers('6.6.6.6, 198.51.100.2'), false)).toBe('198.51.100.2')
    expect(clientIp(headers('::ffff:127.0.0.1'), false)).toBe('127.0.0.1')
  })

  it('believes the hop before the proxy with TRUST_PROXY', () => {
    expect(clientIp(headers('6.6.6.6, 203.0.113.9, 10.0.0.2'), true)).toBe('203.0.113.9')
    expect(clientIp(headers('10.0.0.2'), true)).toBe('10.0.0.2')
  })

  it('is null without any address', () => {
    expect(clientIp(headers(), false)).toBeNull()
  })
})
