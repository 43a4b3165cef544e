/** Two instances on one PostgreSQL (no Redis) spend one budget, so a flood cannot pick instances. */
import { afterEach, describe, expect, it } from 'vitest'
import { GET as meGET } from '@/app/api/v1/me/route'
import { setRuntime } from '@/lib/runtime'
import { boot } from '@/lib/runtime/boot'
import { callRoute } from '@/lib/testing/http'
import { createTestRuntime, type TestRuntime, testConfig } from '@/lib/testing/runtime'

describe('rate limits on PostgreSQL', () => {
  let t: TestRuntime
  afterEach(() => t.cleanup())

  it('share one budget between instances', async () => {
    t = await createTestRuntime({ RATE_LIMIT_GLOBAL: '3' })
    const first = t.runtime
    const second = await boot({
      config: testConfig({ ...t.env, RATE_LIMIT_GLOBAL: '3' }),
      database: await t.handle.open(),
      skipFirstRun: true,
    })
    const call = async (runtime: typeof first) => {
      setRuntime(runtime)
      return (await callRoute(meGET, '/api/v1/me', { headers: { 'x-forwarded-for': '203.0.113.60' } })).status
    }
    expect([await call(first), await call(second), await call(first), await call(second)]).toEqual([401, 401, 401, 429])
    setRuntime(first)
  })
})
