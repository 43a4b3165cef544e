/** Metrics expose operational detail: only METRICS_TOKEN or an admin may read them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GET as metricsGET } from '@/app/api/metrics/route'
import { POST as refresh } from '@/app/api/v1/auth/refresh/route'
import { POST as token } from '@/app/api/v1/auth/token/route'
import { TEST_PASSWORD } from '@/lib/testing/fixtures'
import { callRoute } from '@/lib/testing/http'
import { seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'

const METRICS_TOKEN = 'metrics-token-0123456789'

function sample(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(name))
  return line ? Number(line.split(' ').at(-1)) : 0
}

describe('/api/metrics', () => {
  let t: TestRuntime
  beforeAll(async () => {
    t = await createTestRuntime({ METRICS_TOKEN })
  })
  afterAll(() => t.cleanup())

  it('answers 401 without the token or an admin, and to a user who is not an admin', async () => {
    const { token: userToken } = await seedUserWithToken(t.runtime)
    for (const headers of [
      {},
      { authorization: 'Bearer wrong-token-value' },
      { authorization: `Bearer ${userToken}` },
    ] as Record<string, string>[]) {
      const response = await callRoute(metricsGET, '/api/metrics', { headers })
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/)
    }
  })

  it('counts sign-ins, refreshes and request durations, for the token and for an admin', async () => {
    const read = async (authorization: string) =>
      (await callRoute(metricsGET, '/api/metrics', { headers: { authorization } })).text()
    const before = await read(`Bearer ${METRICS_TOKEN}`)
    const { user } = await seedUserWithToken(t.runtime)
    await callRoute(token, '/api/v1/auth/token', { body: { email: user.email, password: 'Wrong-Password-1' } })
    const pair = await (
      await callRoute(token, '/api/v1/auth/token', { body: { email: user.email, password: TEST_PASSWORD } })
    ).json()
    await callRoute(refresh, '/api/v1/auth/refresh', { body: { refresh_token: pair.refresh_token } })
    const admin = await seedUserWithToken(t.runtime, { isAdmin: true })
    const after = await read(`Bearer ${admin.token}`)
    expect(
      sample(after, 'gatehouse_auth_attempts_total{status="failure",method="password"}') -
        sample(before, 'gatehouse_auth_attempts_total{status="failure",method="password"}'),
    ).toBe(1)
    expect(
      sample(after, 'gatehouse_auth_attempts_total{status="success",method="password"}') -
        sample(before, 'gatehouse_auth_attempts_total{status="success",method="password"}'),
    ).toBe(1)
    expect(sample(after, 'gatehouse_token_refreshes_total') - sample(before, 'gatehouse_token_refreshes_total')).toBe(1)
    expect(after).toContain(
      'gatehouse_http_request_duration_seconds_count{method="POST",route="/api/v1/auth/token",status="200"}',
    )
    expect(after).toContain(
      'gatehouse_http_request_duration_seconds_count{method="GET",route="/api/metrics",status="200"}',
    )
    expect(after).toContain('# TYPE gatehouse_rate_limit_hits_total counter')
    expect(after).toContain('# TYPE gatehouse_api_key_usage_total counter')
  })
  it('reports gatehouse_ready 1 while the database answers and 0 once it does not', async () => {
    const read = async () =>
      (await callRoute(metricsGET, '/api/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text()
    expect(await read()).toMatch(/^gatehouse_ready 1$/m)
    // The database goes away under the running instance; the scrape still answers, and says so.
    await t.runtime.database.close()
    expect(await read()).toMatch(/^gatehouse_ready 0$/m)
  })
})
