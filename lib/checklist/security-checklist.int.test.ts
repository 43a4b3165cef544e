import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { GET } from '@/app/api/v1/admin/security-checklist/route'
import { organizations, registry, totpCredentials } from '@/db/schema'
import { rotateSigningKey } from '@/lib/crypto/rotate-signing-key'
import { answerOf, callRoute } from '@/lib/testing/http'
import { seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { securityChecklist } from './security-checklist'

const REQUIRED_IDS = [
  'tls',
  'master_key',
  'signing_keys',
  'admin_mfa',
  'rate_limits',
  'registration',
  'turnstile',
  'internal_token',
  'metrics_token',
  'smtp',
  'auth_enabled',
  'guest_mode',
  'sso_domains',
  'non_root',
  'backups',
]

describe('live security checklist', () => {
  let t: TestRuntime
  beforeEach(async () => {
    t = await createTestRuntime()
  })
  afterEach(() => {
    vi.useRealTimers()
    return t.cleanup()
  })

  const statuses = async () =>
    Object.fromEntries((await securityChecklist(t.runtime)).map((check) => [check.id, check.status]))

  it('answers instance admins with every item of API.md, and nobody else', async () => {
    const admin = await seedUserWithToken(t.runtime, { isAdmin: true })
    const user = await seedUserWithToken(t.runtime)
    const answer = await answerOf(callRoute(GET, '/api/v1/admin/security-checklist', { token: admin.token }))
    expect(answer.status).toBe(200)
    expect(answer.items.map((check: { id: string }) => check.id)).toEqual(REQUIRED_IDS)
    for (const check of answer.items) {
      expect(['pass', 'warn', 'fail']).toContain(check.status)
      expect(check.title.length).toBeGreaterThan(0)
      expect(check.detail.length).toBeGreaterThan(0)
      if (check.status !== 'pass') expect(check.fix.length, check.id).toBeGreaterThan(0)
    }
    expect(await answerOf(callRoute(GET, '/api/v1/admin/security-checklist', { token: user.token }))).toMatchObject({
      status: 403,
    })
    expect(await answerOf(callRoute(GET, '/api/v1/admin/security-checklist'))).toMatchObject({ status: 401 })
  })

  it('names the administrators without a second factor, and passes once they all have one', async () => {
    const admin = await seedUserWithToken(t.runtime, { isAdmin: true, email: 'no-mfa-admin@example.com' })
    const [check] = (await securityChecklist(t.runtime)).filter((entry) => entry.id === 'admin_mfa')
    expect(check.status).toBe('fail')
    expect(check.detail).toContain('no-mfa-admin@example.com')
    await t.runtime.db.insert(totpCredentials).values({
      userId: admin.user.id,
      secretNonce: 'n',
      secretCiphertext: 'c',
      keyId: 'k',
      enabledAt: new Date(),
    })
    expect((await statuses()).admin_mfa).toBe('pass')
  })

  it('asks for a signing-key rotation once the key is 90 days old, and passes again after one', async () => {
    const check = async () => (await securityChecklist(t.runtime)).find((entry) => entry.id === 'signing_keys')!
    expect(await check()).toMatchObject({ status: 'pass', detail: expect.stringContaining('is 0 days old') })
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 91 * 86_400_000 })
    expect(await check()).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('The signing key is 91 days old; rotate it every quarter.'),
      fix: expect.stringContaining('npm run keys:rotate-signing'),
    })
    await rotateSigningKey(t.runtime.db, t.runtime.masterKey, t.runtime.config)
    expect(await check()).toMatchObject({ status: 'pass', detail: expect.stringContaining('is 0 days old') })
    // A key made before the age was recorded is not known to be young.
    await t.runtime.db.delete(registry).where(eq(registry.name, 'jwt.signing_key.ES256.made_at'))
    expect(await check()).toMatchObject({ status: 'warn', detail: expect.stringContaining('is not recorded') })
  })

  // A key generated into DATA_DIR and read back after a restart still lies next to the data.
  it('warns about a master key in DATA_DIR, whether generated now or read back', async () => {
    for (const source of ['generated', 'data_dir'] as const) {
      const runtime = { ...t.runtime, masterKey: { ...t.runtime.masterKey, source } }
      const [check] = (await securityChecklist(runtime)).filter((entry) => entry.id === 'master_key')
      expect(check.status, source).toBe('warn')
    }
  })

  it('follows the configuration it runs with', async () => {
    expect(await statuses()).toMatchObject({
      tls: 'warn',
      master_key: 'pass',
      rate_limits: 'pass',
      registration: 'warn',
      turnstile: 'warn',
      metrics_token: 'warn',
      smtp: 'warn',
      auth_enabled: 'pass',
      guest_mode: 'pass',
      backups: 'warn',
    })
    await t.restart({ APP_URL: 'http://gatehouse.example.com', RATE_LIMIT_ENABLED: 'false', ALLOW_GUEST_MODE: 'true' })
    expect(await statuses()).toMatchObject({ tls: 'fail', rate_limits: 'fail', guest_mode: 'warn' })
    const guestItem = async () => (await securityChecklist(t.runtime)).find((item) => item.id === 'guest_mode')
    expect((await guestItem())?.detail).toContain('no organization has opted in yet')
    await t.runtime.db.insert(organizations).values({ name: 'Open', slug: 'open-files', guestAccess: true })
    expect((await guestItem())?.detail).toContain('open-files let anonymous visitors read their files')
    await t.restart({
      APP_URL: 'https://gatehouse.example.com',
      ENABLE_REGISTRATION: 'false',
      METRICS_TOKEN: 'a-metrics-token-of-some-length',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      MAIL_FROM: 'gatehouse@example.com',
    })
    expect(await statuses()).toMatchObject({
      tls: 'pass',
      registration: 'pass',
      turnstile: 'pass',
      metrics_token: 'pass',
      smtp: 'pass',
    })
  })
})
