/** Two instances with one REDIS_URL spend one budget. */
import { afterEach, describe, expect, it } from 'vitest'
import { GET as meGET } from '@/app/api/v1/me/route'
import { setRuntime } from '@/lib/runtime'
import { boot } from '@/lib/runtime/boot'
import { callRoute } from '@/lib/testing/http'
import { createTestRuntime, type TestRuntime, testConfig } from '@/lib/testing/runtime'

describe('rate limits on Redis', () => {
  let t: TestRuntime
  afterEach(() => t.cleanup())

  it('share one budget between instances', async () => {
    const env = { REDIS_URL: process.env.TEST_REDIS_URL!, RATE_LIMIT_GLOBAL: '3' }
    t = await createTestRuntime(env, { persistent: true })
    const first = t.runtime
    await first.database.close()
    const database = await t.handle.open()
    const a = await boot({ config: testConfig({ ...t.env, ...env }), database, skipFirstRun: true })
    const b = await boot({ config: testConfig({ ...t.env, ...env }), database, skipFirstRun: true })
    // A fresh address per run: Redis outlives the test, its keys expire after a minute.
    const ip = `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`
    const call = async (runtime: typeof a) => {
      setRuntime(runtime)
      const response = await callRoute(meGET, '/api/v1/me', { headers: { 'x-forwarded-for': ip } })
      return [response.status, response.headers.get('x-ratelimit-remaining')]
    }
    expect([await call(a), await call(b), await call(a), await call(b)]).toEqual([
      [401, '2'],
      [401, '1'],
      [401, '0'],
      [429, '0'],
    ])
  })
})
