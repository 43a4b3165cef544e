import 'server-only'
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible'
import { AppError } from '@/lib/errors'
import { metrics } from '@/lib/metrics/registry'
import type { Runtime } from '@/lib/runtime'
import { recordStoreAnswer, recordStoreFailure } from './store-health'
import { createBucketFactory, type StoreKind } from './stores'

export type BucketName =
  | 'global'
  | 'hourly'
  | 'key_minute'
  | 'key_hour'
  | 'auth_ip'
  | 'auth_attempt'
  | 'auth_account'
  | 'auth_spray'
  | 'auth_failures'
  | 'auth_block'
  | 'mail_account'

export interface RateLimitState {
  limit: number
  remaining: number
  /** Unix seconds when the tightest bucket refills. */
  reset: number
}

/** 429 with Retry-After and the X-RateLimit-* headers of the bucket that ran out. */
export class RateLimitedError extends AppError {
  constructor(
    readonly state: RateLimitState,
    readonly retryAfter: number,
    readonly bucket: BucketName,
  ) {
    super('rate_limited', `Too many requests; try again in ${retryAfter} second${retryAfter === 1 ? '' : 's'}`)
    this.headers = { ...rateLimitHeaders(state), 'Retry-After': String(retryAfter) }
  }
}

interface Limits {
  store: StoreKind
  buckets: Record<BucketName, RateLimiterAbstract>
}

const LIMITS = new WeakMap<Runtime, Promise<Limits>>()

function build(runtime: Runtime): Promise<Limits> {
  return createBucketFactory(runtime).then(({ kind, make }) => {
    const { globalPerMinute, perHour, authPerMinute } = runtime.config.rateLimit
    const bucket = (keyPrefix: BucketName, points: number, duration: number, insured = false) =>
      make({ keyPrefix: `gh_${keyPrefix}`, points, duration, insured })
    return {
      store: kind,
      buckets: {
        global: bucket('global', globalPerMinute, 60),
        hourly: bucket('hourly', perHour, 3600),
        // API keys spend budgets of their own, not their caller's IP's (CI runners share addresses).
        key_minute: bucket('key_minute', globalPerMinute, 60),
        key_hour: bucket('key_hour', perHour, 3600),
        auth_ip: bucket('auth_ip', authPerMinute, 60, true),
        auth_attempt: bucket('auth_attempt', authPerMinute, 60, true),
        // Ceilings far above one person's needs (lib/ratelimit/limit-sign-in.ts).
        auth_account: bucket('auth_account', authPerMinute * CEILING_FACTOR, 60, true),
        auth_spray: bucket('auth_spray', authPerMinute * CEILING_FACTOR, 60, true),
        // Failed sign-ins (lib/ratelimit/sign-in-failures.ts): counted per account for the delay,
        // per address and account for the temporary block.
        auth_failures: bucket('auth_failures', 1_000_000, FAILURE_WINDOW_SECONDS, true),
        auth_block: bucket('auth_block', FAILURES_BEFORE_BLOCK, FAILURE_WINDOW_SECONDS, true),
        // Reset and verification mails, so that nobody floods an inbox through the forms.
        mail_account: bucket('mail_account', MAILS_PER_ACCOUNT_HOUR, 3600, true),
      },
    }
  })
}

/** An account's, and one address's, sign-in ceiling: this many times RATE_LIMIT_AUTH a minute. */
export const CEILING_FACTOR = 20
export const FAILURE_WINDOW_SECONDS = 900
export const FAILURES_BEFORE_BLOCK = 10
export const MAILS_PER_ACCOUNT_HOUR = 5

/** Which store holds the budgets (null: RATE_LIMIT_ENABLED is off). */
export async function rateLimitStoreOf(runtime: Runtime): Promise<StoreKind | null> {
  if (!runtime.config.rateLimit.enabled) return null
  await bucketsOf(runtime)
  return (await LIMITS.get(runtime))?.store ?? null
}

/** The buckets of this runtime, or null when RATE_LIMIT_ENABLED is off. */
export async function bucketsOf(runtime: Runtime): Promise<Record<BucketName, RateLimiterAbstract> | null> {
  if (!runtime.config.rateLimit.enabled) return null
  let limits = LIMITS.get(runtime)
  if (!limits) {
    limits = build(runtime)
    LIMITS.set(runtime, limits)
  }
  return (await limits).buckets
}

export function stateOf(points: number, res: RateLimiterRes): RateLimitState {
  return {
    limit: points,
    remaining: Math.max(0, res.remainingPoints),
    reset: Math.ceil((Date.now() + res.msBeforeNext) / 1000),
  }
}

/**
 * Takes one point from each named bucket. Over a limit: RateLimitedError. A store that fails lets
 * the request through (auth buckets use their memory insurance instead); its failure is logged once
 * an interval and shown by /api/ready.
 */
export async function consume(
  runtime: Runtime,
  charges: { bucket: BucketName; key: string }[],
): Promise<RateLimitState | null> {
  const buckets = await bucketsOf(runtime)
  if (!buckets) return null
  let tightest: RateLimitState | null = null
  for (const { bucket, key } of charges) {
    const limiter = buckets[bucket]
    try {
      const state = stateOf(limiter.points, await limiter.consume(key))
      recordStoreAnswer(runtime)
      if (!tightest || state.remaining < tightest.remaining) tightest = state
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        recordStoreAnswer(runtime)
        metrics().rateLimitHits.inc({ bucket })
        throw new RateLimitedError(
          stateOf(limiter.points, error),
          Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
          bucket,
        )
      }
      recordStoreFailure(runtime, error, bucket)
    }
  }
  return tightest
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(state.limit),
    'X-RateLimit-Remaining': String(state.remaining),
    'X-RateLimit-Reset': String(state.reset),
  }
}
