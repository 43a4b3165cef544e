import { randomBytes } from 'node:crypto'
import { type Config, loadConfig } from '@/lib/config'
import { type Runtime, setRuntime } from '@/lib/runtime'
import { boot } from '@/lib/runtime/boot'
import { createTestDatabase, type TestDatabaseHandle } from './db'

export interface TestRuntime {
  runtime: Runtime
  handle: TestDatabaseHandle
  env: Record<string, string>
  /** Closes the database and boots again on the same data and keys (a server restart). */
  restart(overrides?: Record<string, string>): Promise<Runtime>
  cleanup(): Promise<void>
}

export function testConfig(env: Record<string, string>): Config {
  return loadConfig({ env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', GATEHOUSE_CONFIG: '', ...env } })
}

/**
 * Boots the real runtime (migrations, key check, signing keys) on a throwaway database with a
 * random master key, installs it for getRuntime(), and returns it with a way to restart it.
 */
export async function createTestRuntime(
  overrides: Record<string, string> = {},
  { persistent = false } = {},
): Promise<TestRuntime> {
  const handle = await createTestDatabase({ persistent })
  // Tests sign in many times from one address; the rate-limit tests set their own tight limits.
  const env = {
    DATA_DIR: handle.dataDir,
    GATEHOUSE_MASTER_KEY: randomBytes(32).toString('base64'),
    RATE_LIMIT_AUTH: '10000',
    RATE_LIMIT_GLOBAL: '100000',
    ...overrides,
  }
  const start = async (extra: Record<string, string> = {}) => {
    const runtime = await boot({
      config: testConfig({ ...env, ...extra }),
      database: await handle.open(),
      skipFirstRun: true,
    })
    setRuntime(runtime)
    return runtime
  }
  const testRuntime: TestRuntime = {
    runtime: await start(),
    handle,
    env,
    restart: async (extra) => {
      await testRuntime.runtime.database.close().catch(() => {})
      testRuntime.runtime = await start(extra)
      return testRuntime.runtime
    },
    cleanup: async () => {
      setRuntime(undefined)
      await handle.drop()
    },
  }
  return testRuntime
}
