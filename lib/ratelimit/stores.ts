import 'server-only'
import {
  type RateLimiterAbstract,
  RateLimiterDrizzle,
  RateLimiterMemory,
  RateLimiterRedis,
} from 'rate-limiter-flexible'
import { rateLimits } from '@/db/schema'
import type { Runtime } from '@/lib/runtime'

export interface BucketOptions {
  keyPrefix: string
  points: number
  duration: number
  /** Sign-in buckets: when the shared store is down, a per-instance memory limiter stands in. */
  insured?: boolean
}

export type StoreKind = 'memory' | 'redis' | 'postgres'

/**
 * One store for every bucket. RATE_LIMIT_STORE=auto: memory for the single embedded instance, Redis
 * when REDIS_URL is set, PostgreSQL when DATABASE_URL is set without Redis, so that instances share
 * one budget. A single instance on PostgreSQL may choose memory.
 */
export async function createBucketFactory(
  runtime: Runtime,
): Promise<{ kind: StoreKind; make(options: BucketOptions): RateLimiterAbstract; close(): Promise<void> }> {
  const { config, database } = runtime
  const insurance = (options: BucketOptions) => (options.insured ? new RateLimiterMemory(options) : undefined)
  const store = config.rateLimit.store
  const memory = {
    kind: 'memory' as const,
    make: (options: BucketOptions) => new RateLimiterMemory(options),
    close: async () => {},
  }
  if (store === 'memory') return memory
  if (config.redisUrl && (store === 'auto' || store === 'redis')) {
    const { Redis } = await import('ioredis')
    // No offline queue: when Redis is down a call fails at once instead of hanging the request.
    const client = new Redis(config.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: false,
    })
    client.on('error', () => {})
    // Commands before the first connection would fail (no offline queue): wait for it, briefly.
    await new Promise<void>((resolve) => {
      const done = () => resolve()
      client.once('ready', done)
      client.once('error', done)
      setTimeout(done, 2000).unref()
    })
    return {
      kind: 'redis',
      make: (options) =>
        new RateLimiterRedis({ storeClient: client, ...options, insuranceLimiter: insurance(options) }),
      close: async () => void client.disconnect(),
    }
  }
  if (database.kind === 'postgres') {
    return {
      kind: 'postgres',
      make: (options) =>
        new RateLimiterDrizzle({
          storeClient: runtime.db,
          schema: rateLimits,
          ...options,
          insuranceLimiter: insurance(options),
        }),
      close: async () => {},
    }
  }
  return memory
}
