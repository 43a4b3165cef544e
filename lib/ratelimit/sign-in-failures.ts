import 'server-only'
import { setTimeout as sleep } from 'node:timers/promises'
import type { RequestMeta } from '@/lib/audit/types'
import { isAppError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import { bucketsOf, FAILURES_BEFORE_BLOCK, RateLimitedError, stateOf } from './limits'

/**
 * Password guessing, beyond the per-minute limits: every failed sign-in (password, TOTP or recovery
 * code) of an account makes the next attempt on it wait longer, and ten from one address block that
 * address for that account for 15 minutes. Never a lock of the account itself: an attacker who
 * fails on purpose slows the owner down by seconds at most and cannot shut them out.
 */
export function progressiveDelayMs(failures: number): number {
  return failures < 3 ? 0 : Math.min(250 * 2 ** (failures - 3), 4000)
}

const accountKey = (email: string) => email.trim().toLowerCase()
const blockKey = (meta: RequestMeta, email: string) => `${meta.ip ?? 'unknown'}|${accountKey(email)}`

/** Before checking a credential: 429 while this address is blocked for this account, else the delay. */
export async function awaitSignInTurn(runtime: Runtime, meta: RequestMeta, email: string): Promise<void> {
  const buckets = await bucketsOf(runtime)
  if (!buckets) return
  const [block, failures] = await Promise.all([
    buckets.auth_block.get(blockKey(meta, email)),
    buckets.auth_failures.get(accountKey(email)),
  ])
  if (block && block.consumedPoints >= FAILURES_BEFORE_BLOCK) {
    throw new RateLimitedError(
      stateOf(FAILURES_BEFORE_BLOCK, block),
      Math.max(1, Math.ceil(block.msBeforeNext / 1000)),
      'auth_block',
    )
  }
  const delay = progressiveDelayMs(failures?.consumedPoints ?? 0)
  if (delay > 0) await sleep(delay)
}

/** Runs a credential check, counting it against the account and address when it is refused. */
export async function countingFailures<T>(
  runtime: Runtime,
  meta: RequestMeta,
  email: string,
  check: () => Promise<T>,
): Promise<T> {
  try {
    return await check()
  } catch (error) {
    if (isAppError(error) && (error.code === 'invalid_credentials' || error.code === 'invalid_mfa_code')) {
      const buckets = await bucketsOf(runtime)
      // Over the limit, consume rejects; the block is what awaitSignInTurn reads next time.
      await Promise.allSettled([
        buckets?.auth_failures.consume(accountKey(email)),
        buckets?.auth_block.consume(blockKey(meta, email)),
      ])
    }
    throw error
  }
}

/** After a complete sign-in: the account's slate is clean again. */
export async function clearSignInFailures(runtime: Runtime, meta: RequestMeta, email: string): Promise<void> {
  const buckets = await bucketsOf(runtime)
  await Promise.allSettled([
    buckets?.auth_failures.delete(accountKey(email)),
    buckets?.auth_block.delete(blockKey(meta, email)),
  ])
}
