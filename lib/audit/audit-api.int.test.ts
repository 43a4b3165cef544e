/**
 * The audit API as its readers see it: who may read which log, every filter and its refusals,
 * keyset pages that hold still while events arrive, streamed exports safe to open in a
 * spreadsheet, and checkpoints that catch a log cut short.
 */
import { eq, gte } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as checkpointRoute from '@/app/api/v1/admin/audit/checkpoint/route'
import * as adminAudit from '@/app/api/v1/admin/audit/route'
import * as verifyRoute from '@/app/api/v1/admin/audit/verify/route'
import * as apiKeysRoute from '@/app/api/v1/api-keys/route'
import * as orgAudit from '@/app/api/v1/orgs/[org]/audit/route'
import { auditLog } from '@/db/schema'
import { createFileLink } from '@/lib/files/file-links'
import { answerOf, callRoute } from '@/lib/testing/http'
import { seedOrg, seedUserWithToken } from '@/lib/testing/orgs'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { recordAuditAlone } from './record-audit'
import type { AuditEvent } from './types'

const META = { ip: '198.51.100.9', userAgent: 'audit-test' }

describe('audit API', () => {
  let t: TestRuntime
  beforeEach(async () => {
    t = await createTestRuntime()
  })
  afterEach(() => t.cleanup())

  const record = (event: Partial<AuditEvent> & { action: string }) =>
    recordAuditAlone(t.runtime.db, { actor: { type: 'system' }, meta: META, ...event })

  async function orgWithPeople() {
    const owner = await seedUserWithToken(t.runtime)
    const viewer = await seedUserWithToken(t.runtime)
    const org = await seedOrg(t.runtime, owner.user.id, [{ userId: viewer.user.id, role: 'viewer' }])
    return { owner, viewer, org }
  }

  const list = (token: string, org: string, query = '') =>
    answerOf(callRoute(orgAudit.GET, `/api/v1/orgs/${org}/audit${query}`, { token, params: { org } }))

  it('shows an org its own events only, newest first, to members with audit:read', async () => {
    const { owner, viewer, org } = await orgWithPeople()
    const other = await seedOrg(t.runtime, owner.user.id)
    await record({ action: 'secret.read', orgId: org.id, target: { type: 'secret', id: 'DB_URL' } })
    await record({ action: 'secret.read', orgId: other.id, target: { type: 'secret', id: 'ELSEWHERE' } })
    await record({ action: 'file.upload', orgId: org.id, outcome: 'failure', target: { type: 'file', id: 'f1' } })

    const page = await list(owner.token, org.slug)
    expect(page.status).toBe(200)
    expect(page.items.map((event: { action: string }) => event.action)).toEqual([
      'file.upload',
      'secret.read',
      'org.create',
    ])
    expect(page.items.every((event: { org_id: string }) => event.org_id === org.id)).toBe(true)
    expect(page.items[1]).toMatchObject({
      action: 'secret.read',
      outcome: 'success',
      actor: { type: 'system', id: null },
      target: { type: 'secret', id: 'DB_URL' },
      org_id: org.id,
      ip: '198.51.100.9',
      user_agent: 'audit-test',
      meta: {},
    })
    expect(page.next_cursor).toBeNull()
    // By id as well as by slug.
    expect((await list(owner.token, org.id)).items).toHaveLength(3)

    // A viewer is a member without audit:read; an outsider does not learn the org exists.
    expect(await list(viewer.token, org.slug)).toMatchObject({ status: 403, code: 'forbidden' })
    const stranger = await seedUserWithToken(t.runtime)
    expect(await list(stranger.token, org.slug)).toMatchObject({ status: 404, code: 'not_found' })
    const anonymous = await answerOf(
      callRoute(orgAudit.GET, `/api/v1/orgs/${org.slug}/audit`, { params: { org: org.slug } }),
    )
    expect(anonymous).toMatchObject({ status: 401 })
  })

  // Attack: an API key with audit:read, made in one org, reads another org's log by its id.
  it('lets an API key read only its own org, and only with the audit:read scope', async () => {
    const { owner, org } = await orgWithPeople()
    const victim = await seedUserWithToken(t.runtime)
    const victimOrg = await seedOrg(t.runtime, victim.user.id)
    const makeKey = async (scopes: string[]) =>
      (
        await answerOf(
          callRoute(apiKeysRoute.POST, '/api/v1/api-keys', {
            token: owner.token,
            body: { name: 'reader', org_id: org.id, scopes },
          }),
        )
      ).key as string
    const reader = await makeKey(['audit:read'])
    expect((await list(reader, org.id)).status).toBe(200)
    expect(await list(reader, victimOrg.id)).toMatchObject({ status: 404 })
    expect(await list(reader, victimOrg.slug)).toMatchObject({ status: 404 })
    expect(await list(await makeKey(['secret:read']), org.id)).toMatchObject({ status: 403 })
  })

  it('applies every filter and refuses a value it cannot use with a 422 naming the field', async () => {
    const { owner, org } = await orgWithPeople()
    await record({
      action: 'secret.read',
      orgId: org.id,
      actor: { type: 'user', id: 'u-1' },
      target: { type: 'secret', id: 'A' },
    })
    await record({
      action: 'secret.read',
      orgId: org.id,
      outcome: 'failure',
      actor: { type: 'user', id: 'u-2' },
      target: { type: 'secret', id: 'B' },
    })
    await record({
      action: 'secret.write',
      orgId: org.id,
      actor: { type: 'user', id: 'u-1' },
      target: { type: 'secret', id: 'A' },
    })
    const targets = async (query: string) =>
      (await list(owner.token, org.slug, query)).items.map(
        (e: { action: string; target: { id: string } }) => `${e.action}:${e.target.id}`,
      )
    expect(await targets('?action=secret.read')).toEqual(['secret.read:B', 'secret.read:A'])
    expect(await targets('?action=secret.read&outcome=success')).toEqual(['secret.read:A'])
    expect(await targets('?actor_id=u-1')).toEqual(['secret.write:A', 'secret.read:A'])
    expect(await targets('?target_id=B')).toEqual(['secret.read:B'])
    const [newest] = await t.runtime.db
      .select({ at: auditLog.at })
      .from(auditLog)
      .where(eq(auditLog.action, 'secret.write'))
    expect(await targets(`?since=${newest.at.toISOString()}`)).toEqual(['secret.write:A'])
    expect(await targets(`?until=${new Date(newest.at.getTime() - 1).toISOString()}&action=secret.write`)).toEqual([])
    expect(await targets('?since=2020-01-01T00:00:00%2B02:00&until=2099-01-01T00:00:00Z&target_id=A')).toHaveLength(2)

    for (const [query, path] of [
      ['?action=secret.steal', 'query.action'],
      ['?outcome=maybe', 'query.outcome'],
      ['?since=yesterday', 'query.since'],
      ['?since=2026-12-02T00:00:00Z&until=2026-12-01T00:00:00Z', 'query.until'],
      ['?format=xml', 'query.format'],
      ['?limit=0', 'query.limit'],
      ['?limit=201', 'query.limit'],
      ['?cursor=not-a-cursor', 'query.cursor'],
      [`?actor_id=${'x'.repeat(201)}`, 'query.actor_id'],
      ['?target_id=%00', 'query.target_id'],
    ]) {
      const refused = await list(owner.token, org.slug, query)
      expect(refused, query).toMatchObject({ status: 422, code: 'validation_failed' })
      expect(
        refused.errors.map((error: { path: string }) => error.path),
        query,
      ).toContain(path)
    }
  })

  it('pages with a keyset cursor that holds still while new events arrive', async () => {
    const { owner, org } = await orgWithPeople()
    for (let i = 0; i < 7; i++)
      await record({ action: 'secret.read', orgId: org.id, target: { type: 'secret', id: `S${i}` } })
    const seen: string[] = []
    let page = await list(owner.token, org.slug, '?action=secret.read&limit=3')
    seen.push(...page.items.map((e: { target: { id: string } }) => e.target.id))
    // Events that arrive between pages land at the head; the next page goes on where this one ended.
    for (let i = 0; i < 5; i++)
      await record({ action: 'secret.read', orgId: org.id, target: { type: 'secret', id: `N${i}` } })
    while (page.next_cursor) {
      page = await list(owner.token, org.slug, `?action=secret.read&limit=3&cursor=${page.next_cursor}`)
      seen.push(...page.items.map((e: { target: { id: string } }) => e.target.id))
    }
    expect(seen).toEqual(['S6', 'S5', 'S4', 'S3', 'S2', 'S1', 'S0'])
  })

  it('gives instance admins the whole log and everyone else a 403', async () => {
    const { owner, org } = await orgWithPeople()
    const admin = await seedUserWithToken(t.runtime, { isAdmin: true })
    await record({ action: 'keys.rotate' })
    const all = await answerOf(callRoute(adminAudit.GET, '/api/v1/admin/audit?limit=200', { token: admin.token }))
    expect(all.status).toBe(200)
    const orgs = new Set(all.items.map((event: { org_id: string | null }) => event.org_id))
    expect(orgs).toContain(org.id)
    expect(orgs).toContain(null)
    const filtered = await answerOf(
      callRoute(adminAudit.GET, '/api/v1/admin/audit?action=keys.rotate', { token: admin.token }),
    )
    expect(filtered.items.map((event: { action: string }) => event.action)).toEqual(['keys.rotate'])
    for (const handler of [adminAudit.GET, verifyRoute.GET, checkpointRoute.GET]) {
      expect(await answerOf(callRoute(handler, '/api/v1/admin/audit', { token: owner.token }))).toMatchObject({
        status: 403,
      })
    }
  })

  it('exports the filtered log as CSV a spreadsheet cannot run, and audits the export', async () => {
    const { owner, org } = await orgWithPeople()
    await record({
      action: 'secret.read',
      orgId: org.id,
      actor: { type: 'user', id: 'u-9', email: '=HYPERLINK("http://evil.example")' },
      target: { type: 'secret', id: '+SUM(A1:A9)' },
      meta: { ip: '-1+1', userAgent: '@cmd, "quoted"\r\nnext line' },
      details: { note: '\tstarts with a tab' },
    })
    await record({ action: 'secret.read', orgId: org.id, target: { type: 'secret', id: 'PLAIN' } })
    await record({ action: 'secret.write', orgId: org.id, target: { type: 'secret', id: 'IGNORED' } })
    const response = await callRoute(orgAudit.GET, `/api/v1/orgs/${org.slug}/audit?format=csv&action=secret.read`, {
      token: owner.token,
      params: { org: org.slug },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="gatehouse-audit-${org.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
    )
    const text = await response.text()
    const [header, ...rest] = text.split('\r\n')
    expect(header).toBe(
      'id,at,action,outcome,actor_type,actor_id,actor_email,target_type,target_id,org_id,ip,user_agent,meta',
    )
    expect(rest.at(-1)).toBe('')
    expect(text).toContain(
      `,"'=HYPERLINK(""http://evil.example"")",secret,'+SUM(A1:A9),${org.id},'-1+1,"'@cmd, ""quoted""\r\nnext line",`,
    )
    expect(text).toContain('PLAIN')
    expect(text).not.toContain('IGNORED')
    // No cell anywhere begins with a formula character unless it is the escaped form.
    expect(text).not.toMatch(/(^|,)"?[=+\-@\t]/m)

    const exports = await t.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'audit.export'))
    expect(exports).toHaveLength(1)
    expect(exports[0]).toMatchObject({
      orgId: org.id,
      actorId: owner.user.id,
      meta: { format: 'csv', filters: { action: 'secret.read' } },
    })
  })

  // Pages are written by PostgreSQL, exports by Node: both must show an event the same way.
  it('shows each event identically in a page and in an export', async () => {
    const { owner, org } = await orgWithPeople()
    await record({
      action: 'secret.read',
      orgId: org.id,
      actor: { type: 'api_key', id: 'k-1', email: 'ada@example.com' },
      target: { type: 'secret', id: 'DB "URL"' },
      details: { nested: { b: 2, a: [1, 'x'] }, unicode: 'café ✓' },
    })
    await record({
      action: 'secret.read',
      orgId: org.id,
      actor: { type: 'anonymous' },
      meta: { ip: null, userAgent: null },
    })
    const page = await list(owner.token, org.slug)
    const response = await callRoute(orgAudit.GET, `/api/v1/orgs/${org.slug}/audit?format=jsonl`, {
      token: owner.token,
      params: { org: org.slug },
    })
    const exported = (await response.text())
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(page.items).toEqual(exported.reverse().filter((event) => event.action !== 'audit.export'))
    expect(page.items[0].actor).toEqual({ type: 'anonymous', id: null })
    expect(page.items[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  })

  it('streams JSON lines across many batches with the filters applied', async () => {
    const { owner, org } = await orgWithPeople()
    await Promise.all(
      Array.from({ length: 2300 }, (_, i) =>
        record({
          action: i % 2 ? 'secret.read' : 'file.download',
          orgId: org.id,
          target: { type: 'n', id: String(i) },
        }),
      ),
    )
    const response = await callRoute(orgAudit.GET, `/api/v1/orgs/${org.slug}/audit?format=jsonl&action=secret.read`, {
      token: owner.token,
      params: { org: org.slug },
    })
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8')
    const lines = (await response.text())
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(lines).toHaveLength(1150)
    expect(lines.every((event) => event.action === 'secret.read' && event.org_id === org.id)).toBe(true)
    expect(new Set(lines.map((event) => event.id)).size).toBe(1150)
  })

  it('verifies the chain, and with a checkpoint catches a log cut short or regrown', async () => {
    const admin = await seedUserWithToken(t.runtime, { isAdmin: true })
    for (let i = 0; i < 5; i++) await record({ action: 'secret.read', target: { type: 'secret', id: `S${i}` } })
    const verify = (query = '') =>
      answerOf(callRoute(verifyRoute.GET, `/api/v1/admin/audit/verify${query}`, { token: admin.token }))
    const intact = await verify()
    expect(intact).toMatchObject({ status: 200, ok: true })
    const checkpoint = await answerOf(
      callRoute(checkpointRoute.GET, '/api/v1/admin/audit/checkpoint', { token: admin.token }),
    )
    expect(checkpoint).toMatchObject({
      status: 200,
      seq: intact.checked,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    })
    expect(await verify(`?checkpoint=${checkpoint.signature}`)).toMatchObject({ ok: true, checked: intact.checked })

    // An intruder deletes the newest two events: the chain alone still looks whole.
    await t.runtime.db.delete(auditLog).where(gte(auditLog.seq, checkpoint.seq - 1))
    expect(await verify()).toMatchObject({ ok: true, checked: checkpoint.seq - 2 })
    expect(await verify(`?checkpoint=${checkpoint.signature}`)).toMatchObject({ ok: false, reason: 'truncated' })
    // New events grow the chain past the checkpoint again, with other rows in its place.
    for (let i = 0; i < 3; i++) await record({ action: 'secret.read' })
    expect(await verify(`?checkpoint=${checkpoint.signature}`)).toMatchObject({ ok: false, reason: 'altered' })

    // An edited row breaks the chain itself.
    const [second] = await t.runtime.db.select().from(auditLog).where(eq(auditLog.seq, 2))
    await t.runtime.db.update(auditLog).set({ ip: '10.0.0.1' }).where(eq(auditLog.seq, 2))
    expect(await verify()).toMatchObject({ ok: false, first_bad_id: second.id, reason: 'broken' })
  })

  // Attack: a checkpoint forged, edited, or another signed token (a file link) passed off as one.
  it('refuses a checkpoint this instance did not sign for that use', async () => {
    const admin = await seedUserWithToken(t.runtime, { isAdmin: true })
    const { signature } = await answerOf(
      callRoute(checkpointRoute.GET, '/api/v1/admin/audit/checkpoint', { token: admin.token }),
    )
    const [header, payload, sig] = signature.split('.')
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
    const edited = Buffer.from(JSON.stringify({ ...claims, seq: claims.seq + 7 }))
    const link = await createFileLink(t.runtime, {
      orgId: 'o',
      fileId: 'f',
      actor: { type: 'system' },
      meta: META,
    })
    for (const [index, forged] of [
      `${header}.${edited.toString('base64url')}.${sig}`,
      new URL(link.url).searchParams.get('token')!,
      admin.token,
      'not-a-jws',
    ].entries()) {
      const refused = await answerOf(
        callRoute(verifyRoute.GET, `/api/v1/admin/audit/verify?checkpoint=${forged}`, { token: admin.token }),
      )
      expect(refused, `forgery ${index}`).toMatchObject({ status: 422, errors: [{ path: 'query.checkpoint' }] })
    }
  })
})
