import { describe, expect, it } from 'vitest'
import { isDatabaseUnavailable } from './client'

describe('isDatabaseUnavailable', () => {
  it('knows a database that cannot be reached, also inside the error drizzle wraps it in', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
    expect(isDatabaseUnavailable(refused)).toBe(true)
    expect(isDatabaseUnavailable(new Error('Failed query: select 1', { cause: refused }))).toBe(true)
    for (const code of ['CONNECT_TIMEOUT', 'CONNECTION_CLOSED', '57P01', '08006'])
      expect(isDatabaseUnavailable(Object.assign(new Error(code), { code })), code).toBe(true)
  })

  it('leaves every other failure alone: a constraint, a bug, nothing at all', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false)
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false)
    expect(isDatabaseUnavailable(undefined)).toBe(false)
    expect(isDatabaseUnavailable({ code: 42 })).toBe(false)
  })
})
