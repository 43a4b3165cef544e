/**
 * Guessing at one account: failures slow the next attempt down, ten from one address block that
 * address for that account for a while, and the owner signing in from elsewhere is never locked out.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { issueTokensForPassword } from '@/lib/auth/sign-in'
import { AppError } from '@/lib/errors'
import { seedUser, TEST_PASSWORD } from '@/lib/testing/fixtures'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { bucketsOf, FAILURES_BEFORE_BLOCK } from './limits'
import { countingFailures, progressiveDelayMs } from './sign-in-failures'

const ATTACKER = { ip: '203.0.113.66', userAgent: 'hydra' }
const OWNER = { ip: '198.51.100.7', userAgent: 'Firefox' }

describe('progressive delay', () => {
  it('grows with each failure from the third on, and stays within seconds', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 50].map(progressiveDelayMs)).toEqual([
      0, 0, 0, 250, 500, 1000, 2000, 4000, 4000, 4000,
    ])
  })
})

describe('failed sign-ins', () => {
  let t: TestRuntime
  beforeEach(async () => {
    t = await createTestRuntime()
  })
  afterEach(() => t.cleanup())

  const fail = () => Promise.reject(new AppError('invalid_credentials', 'wrong'))

  it('counts refused passwords and codes, not other errors, and a complete sign-in clears them', async () => {
    const user = await seedUser(t.runtime)
    const buckets = (await bucketsOf(t.runtime))!
    await expect(
      issueTokensForPassword(t.runtime, { email: user.email, password: 'Not-It-At-All-1', meta: OWNER }),
    ).rejects.toMatchObject({ code: 'invalid_credentials' })
    await expect(
      countingFailures(t.runtime, OWNER, user.email, () => Promise.reject(new AppError('invalid_mfa_code', 'wrong'))),
    ).rejects.toThrow()
    await expect(
      countingFailures(t.runtime, OWNER, user.email, () => Promise.reject(new AppError('rate_limited', 'slow down'))),
    ).rejects.toThrow()
    expect((await buckets.auth_failures.get(user.email))?.consumedPoints).toBe(2)
    await issueTokensForPassword(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: OWNER })
    expect(await buckets.auth_failures.get(user.email)).toBeNull()
  })

  it('blocks the guessing address for that account, while the owner still signs in from elsewhere', async () => {
    const user = await seedUser(t.runtime)
    for (let i = 0; i < FAILURES_BEFORE_BLOCK; i++)
      await expect(countingFailures(t.runtime, ATTACKER, user.email, fail)).rejects.toThrow()
    // Even the right password is refused from the guessing address until the block lapses.
    const blocked = issueTokensForPassword(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: ATTACKER })
    await expect(blocked).rejects.toMatchObject({ code: 'rate_limited', bucket: 'auth_block' })
    expect((await blocked.catch((error) => error)).retryAfter).toBeGreaterThan(800)
    // The owner waits out the delay once (seconds, not a lock) and is in.
    expect(
      await issueTokensForPassword(t.runtime, { email: user.email, password: TEST_PASSWORD, meta: OWNER }),
    ).toHaveProperty('access_token')
  })
})
