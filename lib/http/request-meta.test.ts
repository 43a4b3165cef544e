/**
 * Attack: a client names its own address in X-Forwarded-For to get a fresh rate-limit budget,
 * dodge the sign-in block, or write someone else's address into the audit log. Only the entries
 * the server and the trusted proxies appended count.
 */
import { describe, expect, it } from 'vitest'
import { rewriteForwarding } from '@/scripts/lib/forwarding.mjs'
import { clientIp, deviceOf } from './request-meta'

const headers = (xff?: string) => new Headers(xff ? { 'x-forwarded-for': xff } : {})
/** What the app sees after the server in front of it rewrote the client's headers. */
const seen = (sent: Record<string, string>, peer: string, hops: number) =>
  new Headers(rewriteForwarding({ ...sent }, peer, hops) as Record<string, string>)

describe('client address', () => {
  it('is the TCP peer without TRUST_PROXY, whatever the client claims', () => {
    const forged = { 'x-forwarded-for': '6.6.6.6', 'x-real-ip': '7.7.7.7', 'x-forwarded-proto': 'https' }
    const rewritten = seen(forged, '198.51.100.2', 0)
    expect(clientIp(rewritten, 0)).toBe('198.51.100.2')
    expect(rewritten.get('x-real-ip')).toBeNull()
    expect(rewritten.get('x-forwarded-proto')).toBeNull()
    expect(clientIp(seen({}, '::ffff:127.0.0.1', 0), 0)).toBe('127.0.0.1')
  })

  it('is the entry the trusted proxy appended with TRUST_PROXY, not the client’s claim before it', () => {
    // The client sent 6.6.6.6; the proxy (10.0.0.2, the peer) appended the client's real address.
    const behindProxy = seen({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9', 'x-forwarded-proto': 'https' }, '10.0.0.2', 1)
    expect(behindProxy.get('x-forwarded-for')).toBe('6.6.6.6, 203.0.113.9, 10.0.0.2')
    expect(clientIp(behindProxy, 1)).toBe('203.0.113.9')
    expect(behindProxy.get('x-forwarded-proto')).toBe('https')
    // Two hops: a CDN appended the client, the load balancer appended the CDN.
    expect(clientIp(seen({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9, 192.0.2.1' }, '10.0.0.2', 2), 2)).toBe(
      '203.0.113.9',
    )
  })

  it('takes the first entry when fewer proxies answered than are trusted, and is null without any', () => {
    expect(clientIp(seen({}, '10.0.0.2', 1), 1)).toBe('10.0.0.2')
    expect(clientIp(headers(), 0)).toBeNull()
  })
})

describe('device cookie', () => {
  const token = 'd'.repeat(43)
  const withCookie = (cookie: string) => new Headers({ cookie })

  it('is read from its own name only: __Host- over https, so a sibling subdomain cannot plant one', () => {
    expect(deviceOf(withCookie(`a=1; gatehouse.device=${token}`), { isHttps: false })).toBe(token)
    expect(deviceOf(withCookie(`gatehouse.device=${token}`), { isHttps: true })).toBeNull()
    expect(deviceOf(withCookie(`__Host-gatehouse.device=${token}`), { isHttps: true })).toBe(token)
  })

  it('is null when absent or not the shape Gatehouse sets (a forged, long or odd value)', () => {
    for (const value of ['', 'short', `${token}x`, `${token.slice(1)}%`, `${token.slice(1)}"`])
      expect(deviceOf(withCookie(`gatehouse.device=${value}`), { isHttps: false })).toBeNull()
    expect(deviceOf(new Headers(), { isHttps: false })).toBeNull()
  })
})
