import 'server-only'
import { isBuildPhase } from '@/lib/config'
import { isVercel } from '@/lib/config/platform'
import type { Runtime } from './types'

export type { Runtime } from './types'

// Next bundles instrumentation, proxy, pages and route handlers separately; a slot on globalThis
// is what makes them share one runtime per process.
const RUNTIME_SLOT = Symbol.for('gatehouse.runtime')
type RuntimeGlobal = typeof globalThis & { [RUNTIME_SLOT]?: Promise<Runtime> }

/** The booted runtime; boots it on first use if instrumentation has not already. */
export function getRuntime(): Promise<Runtime> {
  if (isBuildPhase()) throw new Error('Gatehouse does not boot during next build; render this page dynamically')
  const holder = globalThis as RuntimeGlobal
  // A serverless function is frozen between requests: nothing may run on a timer there.
  holder[RUNTIME_SLOT] ??= import('./boot').then(({ boot }) => boot({ background: !isVercel() }))
  return holder[RUNTIME_SLOT]
}

/** Installs a runtime built elsewhere (tests build one on a throwaway database). */
export function setRuntime(runtime: Runtime | undefined): void {
  const holder = globalThis as RuntimeGlobal
  holder[RUNTIME_SLOT] = runtime ? Promise.resolve(runtime) : undefined
}
