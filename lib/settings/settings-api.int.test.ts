/**
 * Instance settings as administrators change them at runtime: only admins read or write them, a
 * value that configuration sets cannot be changed behind its back (409), bad values are refused
 * without touching anything, every change is audited, and the code that obeys a setting (sign-up,
 * password policy, default role, Turnstile) follows it within the cache's lifetime on any instance.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import * as settingsRoute from '@/app/api/v1/admin/settings/route'
import * as adminUsersRoute from '@/app/api/v1/admin/users/route'
import * as registerRoute from '@/app/api/v1/auth/register/route'
import { auditLog, memberships } from '@/db/schema'
import { answerOf, callRoute } from '@/lib/testing/http'
import { seedSetUpInstance, seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { getInstanceSettings, SETTINGS_TTL_MS } from './instance-settings'

describe('instance settings', () => {
  let t: TestRuntime
  afterEach(() => t.cleanup())

  async function instance(overrides: Record<string, string> = {}) {
    t = await createTestRuntime(overrides)
    const admin = await seedSetUpInstance(t.runtime)
    return admin
  }
  const read = (token?: string) => answerOf(callRoute(settingsRoute.GET, '/api/v1/admin/settings', { token }))
  const patch = (body: unknown, token?: string) =>
    answerOf(callRoute(settingsRoute.PATCH, '/api/v1/admin/settings', { method: 'PATCH', body, token }))
  const register = (password = 'Plenty-Long-Passphrase-9') =>
    answerOf(
      callRoute(registerRoute.POST, '/api/v1/auth/register', {
        body: { email: `new-${crypto.randomUUID().slice(0, 6)}@example.test`, name: 'New', password },
      }),
    )
  const settingsEvents = () => t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'settings.update'))

  it('shows the settings in force to administrators only', async () => {
    const admin = await instance()
    const settings = await read(admin.token)
    expect(settings).toMatchObject({
      status: 200,
      enable_registration: true,
      default_user_role: 'member',
      password_policy: { min_length: 12, require_uppercase: true, require_symbol: true },
      turnstile: {
        enabled: false,
        require_on_login: false,
        require_on_register: true,
        require_on_password_change: true,
      },
      locked: [],
      turnstile_keys_configured: false,
    })
    const member = await seedUserWithToken(t.runtime)
    expect(await read(member.token)).toMatchObject({ status: 403, code: 'forbidden' })
    expect(await patch({ enable_registration: false }, member.token)).toMatchObject({ status: 403 })
    expect(await read()).toMatchObject({ status: 401 })
    expect(await patch({ enable_registration: false })).toMatchObject({ status: 401 })
    expect((await read(admin.token)).enable_registration).toBe(true)
    expect(await settingsEvents()).toHaveLength(0)
  })

  it('closes registration, tightens the policy and changes the default role at once, audited with old and new values', async () => {
    const admin = await instance()
    expect((await register()).status).toBe(201)
    const changed = await patch(
      { enable_registration: false, default_user_role: 'viewer', password_policy: { min_length: 20 } },
      admin.token,
    )
    expect(changed).toMatchObject({
      status: 200,
      enable_registration: false,
      default_user_role: 'viewer',
      password_policy: { min_length: 20, require_uppercase: true },
    })
    expect(await register()).toMatchObject({ status: 403, code: 'registration_disabled' })

    // An administrator's new account: 20 characters needed now, and it joins `default` as viewer.
    const create = (password: string) =>
      answerOf(
        callRoute(adminUsersRoute.POST, '/api/v1/admin/users', {
          token: admin.token,
          body: { email: `made-${crypto.randomUUID().slice(0, 6)}@example.test`, name: 'Made', password },
        }),
      )
    expect(await create('Only-Fifteen-9!')).toMatchObject({ status: 422 })
    const made = await create('Twenty-Characters-Long-9!')
    expect(made.status).toBe(201)
    const [membership] = await t.runtime.db.select().from(memberships).where(eq(memberships.userId, made.id))
    expect(membership.role).toBe('viewer')

    const [event] = await settingsEvents()
    expect(event).toMatchObject({ actorType: 'user', actorId: admin.user.id, outcome: 'success' })
    expect(event.meta).toEqual({
      changes: {
        enable_registration: { from: true, to: false },
        default_user_role: { from: 'member', to: 'viewer' },
        'password_policy.min_length': { from: 12, to: 20 },
      },
    })
    // Saving the same values again changes nothing and records nothing.
    expect((await patch({ enable_registration: false }, admin.token)).status).toBe(200)
    expect(await settingsEvents()).toHaveLength(1)
    expect((await patch({ enable_registration: true }, admin.token)).status).toBe(200)
    expect((await register()).status).toBe(201)
  })

  it('refuses each bad value with 422 naming its field, and changes nothing', async () => {
    const admin = await instance()
    const refusals: [unknown, string][] = [
      [{ password_policy: { min_length: 4 } }, 'password_policy.min_length'],
      [{ password_policy: { min_length: 1e9 } }, 'password_policy.min_length'],
      [{ default_user_role: 'owner' }, 'default_user_role'],
      [{ enable_registration: 'yes' }, 'enable_registration'],
      [{ turnstile: { enabled: true, colour: 'blue' } }, 'turnstile'],
      [{ registration: false }, 'registration'],
      [{ turnstile: { enabled: true } }, 'turnstile.enabled'],
      [[], ''],
    ]
    for (const [body, field] of refusals) {
      const answer = await patch(body, admin.token)
      expect(answer, JSON.stringify(body)).toMatchObject({ status: 422 })
      expect(JSON.stringify(answer.errors), JSON.stringify(body)).toContain(field)
    }
    const settings = await read(admin.token)
    expect(settings).toMatchObject({ enable_registration: true, password_policy: { min_length: 12 } })
    expect(settings.turnstile.enabled).toBe(false)
    expect(await settingsEvents()).toHaveLength(0)
  })

  it('locks what the environment or gatehouse.toml sets, naming the variable and where it is set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-settings-'))
    const toml = join(dir, 'gatehouse.toml')
    writeFileSync(toml, 'PASSWORD_MIN_LENGTH = 16\n')
    const admin = await instance({ ENABLE_REGISTRATION: 'false', GATEHOUSE_CONFIG: toml })
    const settings = await read(admin.token)
    expect(settings.locked.sort()).toEqual(['enable_registration', 'password_policy.min_length'])
    expect(settings.locked_by).toEqual({
      enable_registration: { variable: 'ENABLE_REGISTRATION', source: 'environment' },
      'password_policy.min_length': { variable: 'PASSWORD_MIN_LENGTH', source: 'gatehouse.toml' },
    })
    expect(settings).toMatchObject({ enable_registration: false, password_policy: { min_length: 16 } })

    const refused = await patch({ enable_registration: true, default_user_role: 'viewer' }, admin.token)
    expect(refused).toMatchObject({ status: 409, code: 'conflict' })
    expect(refused.detail).toContain('ENABLE_REGISTRATION')
    expect((await patch({ password_policy: { min_length: 12 } }, admin.token)).detail).toContain(
      'PASSWORD_MIN_LENGTH in the gatehouse.toml',
    )
    // The refused request changed nothing, not even its unlocked field.
    expect(await read(admin.token)).toMatchObject({ enable_registration: false, default_user_role: 'member' })
    expect(await register()).toMatchObject({ status: 403, code: 'registration_disabled' })
    // A value stored before the variable was set does not win over it either.
    await t.runtime.db.execute(sql`update instance_settings set values = '{"enable_registration": true}' where id = 1`)
    expect((await getInstanceSettings(t.runtime, Date.now() + SETTINGS_TTL_MS)).enableRegistration).toBe(false)
    expect(await settingsEvents()).toHaveLength(0)
  })

  it('turns Turnstile on at runtime once its keys are configured, and the guarded forms ask for it', async () => {
    const admin = await instance({ TURNSTILE_SITE_KEY: 'site-key', TURNSTILE_SECRET_KEY: 'secret-key' })
    expect(await read(admin.token)).toMatchObject({ turnstile: { enabled: false }, turnstile_keys_configured: true })
    expect((await register()).status).toBe(201)
    expect(await patch({ turnstile: { enabled: true } }, admin.token)).toMatchObject({
      status: 200,
      turnstile: { enabled: true, require_on_register: true },
    })
    expect(await register()).toMatchObject({ status: 403, code: 'captcha_failed' })
    await patch({ turnstile: { require_on_register: false } }, admin.token)
    expect((await register()).status).toBe(201)
  })

  it('is in force on an instance that did not make the change once its cached copy expires', async () => {
    const admin = await instance()
    const start = Date.now()
    expect((await getInstanceSettings(t.runtime, start)).enableRegistration).toBe(true)
    // Another instance writes the row; this one has the settings cached and is not told.
    await t.runtime.db.execute(sql`update instance_settings set values = '{"enable_registration": false}' where id = 1`)
    expect((await getInstanceSettings(t.runtime, start + SETTINGS_TTL_MS - 1)).enableRegistration).toBe(true)
    expect((await getInstanceSettings(t.runtime, start + SETTINGS_TTL_MS)).enableRegistration).toBe(false)
    expect(SETTINGS_TTL_MS).toBeLessThanOrEqual(5000)
    // A stored value that does not validate is ignored, not obeyed.
    await t.runtime.db.execute(
      sql`update instance_settings set values = '{"password_policy.min_length": 2, "default_user_role": "owner"}' where id = 1`,
    )
    const settings = await getInstanceSettings(t.runtime, start + 2 * SETTINGS_TTL_MS)
    expect(settings).toMatchObject({ passwordPolicy: { minLength: 12 }, defaultUserRole: 'member' })
    expect((await read(admin.token)).status).toBe(200)
  })
})
