import 'server-only'
import { ConfigError } from '@/lib/config'
import { getRuntime } from './index'

/** Boots, or prints one line saying what is wrong and exits with status 1. */
export async function bootOrExit(): Promise<void> {
  try {
    await getRuntime()
  } catch (error) {
    const message =
      error instanceof ConfigError ? error.message : `Gatehouse could not start: ${(error as Error).message}`
    process.stderr.write(`${message}\n`)
    process.exit(1)
  }
}
