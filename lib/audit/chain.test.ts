import { describe, expect, it } from 'vitest'
import { canonicalJson, chainHash, GENESIS_HASH } from './chain'

const row = {
  id: 'a',
  seq: 1,
  at: new Date('2026-01-01T00:00:00.000Z'),
  action: 'auth.login',
  outcome: 'success',
  actorType: 'user',
  actorId: 'u1',
  actorEmail: 'ada@example.com',
  targetType: null,
  targetId: null,
  orgId: null,
  ip: '203.0.113.7',
  userAgent: 'test',
  meta: { b: 1, a: { d: [1, 2], c: 'x' } },
  prevHash: GENESIS_HASH,
}

describe('audit hash chain', () => {
  it('serialises objects with sorted keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe(
      '{"a":{"c":[3,{"e":2,"f":1}],"d":2},"b":1}',
    )
  })

  it('does not depend on key order (jsonb reorders keys)', () => {
    expect(chainHash({ ...row, meta: { a: { c: 'x', d: [1, 2] }, b: 1 } })).toBe(chainHash(row))
  })

  it('changes with any field and with the previous hash', () => {
    const base = chainHash(row)
    expect(chainHash({ ...row, actorId: 'u2' })).not.toBe(base)
    expect(chainHash({ ...row, meta: { ...row.meta, b: 2 } })).not.toBe(base)
    expect(chainHash({ ...row, at: new Date('2026-01-01T00:00:00.001Z') })).not.toBe(base)
    expect(chainHash({ ...row, prevHash: 'f'.repeat(64) })).not.toBe(base)
  })
})
