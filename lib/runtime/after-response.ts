import 'server-only'
import { after } from 'next/server'
import type { Logger } from 'pino'

// Work started outside a request (scripts, tests) is kept here so that it can be awaited.
const PENDING = new Set<Promise<void>>()

/**
 * Runs `task` once the response has been sent, so that it neither delays nor fails the request (a
 * mail server that is slow or down; an answer whose timing must not depend on an account existing).
 * Inside a request this is Next's after(), which a serverless platform keeps alive until it ends;
 * outside one, the task simply starts. A failure is logged, never thrown.
 */
export function afterResponse(log: Logger, label: string, task: () => Promise<unknown>): void {
  const run = async () => {
    try {
      await task()
    } catch (error) {
      log.error({ err: error, task: label }, 'work after the response failed')
    }
  }
  try {
    after(run)
  } catch {
    const pending = run()
    PENDING.add(pending)
    void pending.finally(() => PENDING.delete(pending))
  }
}

/** Waits for the work started outside a request (tests, before asserting what it did). */
export async function settleAfterResponse(): Promise<void> {
  while (PENDING.size > 0) await Promise.all([...PENDING])
}
