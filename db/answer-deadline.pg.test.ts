/**
 * A PostgreSQL that stops answering without closing anything (its host crashed, the network went
 * dark): without the answer deadline a query waits for the kernel to give up, about 15 minutes.
 * The database is reached through a TCP proxy the test freezes.
 */
import { sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTcpProxy, type TcpProxy } from '@/e2e/support/tcp-proxy'
import { createTestDatabase, type TestDatabaseHandle } from '@/lib/testing/db'
import { type Database, isDatabaseUnavailable, openDatabase } from './client'

const DEADLINE_MS = 400

describe('the answer deadline on PostgreSQL', () => {
  let handle: TestDatabaseHandle
  let proxy: TcpProxy
  let database: Database
  let silences: string[]

  const open = async (maxConnections = 3) => {
    const url = new URL(handle.url!)
    url.hostname = '127.0.0.1'
    url.port = String(proxy.port)
    database = await openDatabase({
      databaseUrl: url.toString(),
      dataDir: handle.dataDir,
      maxConnections,
      answerDeadlineMs: DEADLINE_MS,
      onSilentDatabase: (message) => silences.push(message),
    })
    return database
  }
  const backendPid = async () =>
    ((await database.db.execute(sql`select pg_backend_pid() as pid`)) as unknown as { pid: number }[])[0].pid
  const failureOf = (work: Promise<unknown>) =>
    work.then(
      () => null,
      (error: unknown) => error,
    )

  beforeEach(async () => {
    silences = []
    handle = await createTestDatabase()
    const url = new URL(handle.url!)
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) })
  })
  afterEach(async () => {
    proxy.thaw()
    await database?.close().catch(() => {})
    await proxy.close()
    await handle.drop()
  })

  it('fails a query to a database gone dark as unavailable, closes its connections, and recovers when it answers', async () => {
    await open()
    await Promise.all([backendPid(), backendPid(), backendPid()])
    proxy.freeze()
    const failures = await Promise.all([failureOf(backendPid()), failureOf(backendPid())])
    for (const failure of failures) expect(isDatabaseUnavailable(failure), String(failure)).toBe(true)
    expect(silences.length).toBeGreaterThan(0)
    expect(silences[0]).toMatch(/has not answered for 0\.4 s: \d connection\(s\) closed/)

    // A connection begun in the dark may still time out just after it is light again: within seconds.
    proxy.thaw()
    await expect
      .poll(() => backendPid().catch(() => null), { timeout: 10_000, interval: 100 })
      .toEqual(expect.any(Number))
  })

  it('leaves a connection that is only idle alone', async () => {
    await open(1)
    const pid = await backendPid()
    await new Promise((resolve) => setTimeout(resolve, DEADLINE_MS * 3))
    expect(await backendPid()).toBe(pid)
    expect(silences).toEqual([])
  })

  it('cuts a query that keeps the database silent past the deadline, unless the deadline is suspended', async () => {
    await open(1)
    const slow = () => database.db.execute(sql`select pg_sleep(${(DEADLINE_MS * 3) / 1000})`)
    expect(isDatabaseUnavailable(await failureOf(slow()))).toBe(true)
    await expect(database.withoutAnswerDeadline(slow)).resolves.toBeDefined()
    expect(await backendPid()).toEqual(expect.any(Number))
  })

  it('answers a connection refused at once, with the socket error', async () => {
    await open(1)
    await proxy.cut()
    const failure = await failureOf(backendPid())
    expect(isDatabaseUnavailable(failure)).toBe(true)
    expect((failure as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED')
    await proxy.restore()
  })
})
