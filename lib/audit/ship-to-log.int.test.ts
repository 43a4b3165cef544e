import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLogger } from '@/lib/log'
import type { Runtime } from '@/lib/runtime'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { recordAudit, recordAuditAlone } from './record-audit'
import { shipAuditEvents } from './ship-to-log'

const META = { ip: '198.51.100.4', userAgent: 'ship-test' }

describe('audit events in the server log', () => {
  let t: TestRuntime
  let lines: Record<string, unknown>[]
  let runtime: Runtime
  beforeEach(async () => {
    t = await createTestRuntime()
    lines = []
    runtime = {
      ...t.runtime,
      log: createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) }),
    }
  })
  afterEach(() => t.cleanup())

  const audited = () =>
    lines.filter((line) => line.msg === 'audit event').map((line) => line.audit as { action: string; target: unknown })

  it('writes each committed event once, as one JSON line marked as an audit event', async () => {
    await recordAuditAlone(t.runtime.db, {
      action: 'secret.read',
      actor: { type: 'user', id: 'u-1', email: 'ada@example.com' },
      target: { type: 'secret', id: 'DB_URL' },
      orgId: 'org-1',
      meta: META,
      details: { version: 3 },
    })
    expect(await shipAuditEvents(runtime)).toBeGreaterThan(0)
    const [line] = lines.filter((entry) => (entry.audit as { action?: string })?.action === 'secret.read')
    expect(line).toMatchObject({
      level: 'info',
      msg: 'audit event',
      audit: {
        action: 'secret.read',
        outcome: 'success',
        actor: { type: 'user', id: 'u-1', email: 'ada@example.com' },
        target: { type: 'secret', id: 'DB_URL' },
        org_id: 'org-1',
        ip: '198.51.100.4',
        meta: { version: 3 },
      },
    })
    const before = lines.length
    expect(await shipAuditEvents(runtime)).toBe(0)
    expect(lines).toHaveLength(before)
  })

  it('never logs the event of a change that rolled back', async () => {
    await t.runtime.db
      .transaction(async (tx) => {
        await recordAudit(tx, { action: 'org.delete', actor: { type: 'system' }, meta: META })
        throw new Error('the change failed')
      })
      .catch(() => {})
    await recordAuditAlone(t.runtime.db, { action: 'org.update', actor: { type: 'system' }, meta: META })
    await shipAuditEvents(runtime)
    const actions = audited().map((event) => event.action)
    expect(actions).toContain('org.update')
    expect(actions).not.toContain('org.delete')
  })

  // Several instances share one database: each event reaches the log once, not once per instance.
  it('logs each event once however many instances ship at the same time', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        recordAuditAlone(t.runtime.db, {
          action: 'file.download',
          actor: { type: 'system' },
          target: { type: 'file', id: `f${i}` },
          meta: META,
        }),
      ),
    )
    // On PostgreSQL each call runs on its own pooled connection, as instances would.
    const shippedBy = await Promise.all(Array.from({ length: 4 }, () => shipAuditEvents(runtime)))
    while ((await shipAuditEvents(runtime)) > 0) {}
    const downloads = audited().filter((event) => event.action === 'file.download')
    expect(downloads).toHaveLength(40)
    expect(new Set(downloads.map((event) => JSON.stringify(event.target))).size).toBe(40)
    expect(shippedBy.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0)
  })
})
