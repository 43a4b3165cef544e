/**
 * `npm run keys:rotate` as an operator runs it: SIGKILLed in the middle of its batches (one row each), then run
 * again, it finishes, and every secret opens with the new key alone.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { organizations, orgDataKeys } from '@/db/schema'
import { NO_REQUEST, SYSTEM_ACTOR } from '@/lib/audit/types'
import { putSecret } from '@/lib/secrets/put-secret'
import { readSecret } from '@/lib/secrets/read-secret'
import { createTestRuntime, type TestRuntime } from '@/lib/testing/runtime'
import { keyIdOf } from './aead'

const ORGS = 150

describe('npm run keys:rotate', () => {
  let t: TestRuntime
  const oldKey = randomBytes(32).toString('base64')
  const newKey = randomBytes(32).toString('base64')
  beforeEach(async () => {
    t = await createTestRuntime({ GATEHOUSE_MASTER_KEY: oldKey }, { persistent: true })
  })
  afterEach(() => t.cleanup())

  /** Runs the command; `killAfter` lines of batch progress, it is killed with SIGKILL. */
  function rotate(killAfter?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATA_DIR: t.handle.dataDir,
      GATEHOUSE_MASTER_KEY: newKey,
      GATEHOUSE_MASTER_KEY_PREVIOUS: oldKey,
      ...(t.handle.url ? { DATABASE_URL: t.handle.url } : {}),
    }
    // Its own process group, so that SIGKILL reaches npm, the shell and node alike.
    const child = spawn('npm', ['run', '-s', 'keys:rotate', '--', '--batch-size', '1'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    let output = ''
    let batches = 0
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      batches = (output.match(/re-sealed$/gm) ?? []).length
      if (killAfter !== undefined && batches >= killAfter && child.exitCode === null)
        process.kill(-child.pid!, 'SIGKILL')
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, output })))
  }

  it('is killed midway, run again, and leaves everything readable with the new key alone', async () => {
    const db = t.runtime.db
    const orgs = await db
      .insert(organizations)
      .values(
        Array.from({ length: ORGS }, (_, i) => ({
          name: `Org ${i}`,
          slug: `rotate-${i}-${randomBytes(3).toString('hex')}`,
        })),
      )
      .returning({ id: organizations.id })
    for (const [i, org] of orgs.entries())
      await putSecret(db, t.runtime.masterKey, {
        orgId: org.id,
        name: 'TOKEN',
        value: `token-${i}`,
        actor: SYSTEM_ACTOR,
        meta: NO_REQUEST,
      })
    await t.runtime.database.close()

    const killed = await rotate(6)
    expect(killed.code === 0 && killed.signal === null, killed.output).toBe(false)
    const midway = await t.restart({ GATEHOUSE_MASTER_KEY: newKey, GATEHOUSE_MASTER_KEY_PREVIOUS: oldKey })
    const stillOld = (
      await midway.db
        .select()
        .from(orgDataKeys)
        .where(eq(orgDataKeys.keyId, keyIdOf(Buffer.from(oldKey, 'base64'))))
    ).length
    expect(stillOld).toBeGreaterThan(0)
    expect(stillOld).toBeLessThan(ORGS)
    await midway.database.close()

    const finished = await rotate()
    expect(finished.code, finished.output).toBe(0)
    expect(finished.output).toMatch(new RegExp(`Done: \\d+ registry values, ${stillOld} organization data keys`))

    const after = await t.restart({ GATEHOUSE_MASTER_KEY: newKey })
    for (const [i, org] of orgs.entries()) {
      expect(
        (
          await readSecret(after.db, after.masterKey, {
            orgId: org.id,
            name: 'TOKEN',
            actor: SYSTEM_ACTOR,
            meta: NO_REQUEST,
          })
        ).value,
      ).toBe(`token-${i}`)
    }
  })
})
