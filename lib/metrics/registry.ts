import 'server-only'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

function createMetrics() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'gatehouse_process_' })
  return {
    registry,
    authAttempts: new Counter({
      name: 'gatehouse_auth_attempts_total',
      help: 'Sign-in attempts by outcome and method',
      labelNames: ['status', 'method'] as const,
      registers: [registry],
    }),
    rateLimitHits: new Counter({
      name: 'gatehouse_rate_limit_hits_total',
      help: 'Requests refused by a rate limit, by bucket',
      labelNames: ['bucket'] as const,
      registers: [registry],
    }),
    tokenRefreshes: new Counter({
      name: 'gatehouse_token_refreshes_total',
      help: 'Refresh tokens exchanged for a new pair',
      registers: [registry],
    }),
    apiKeyUsage: new Counter({
      name: 'gatehouse_api_key_usage_total',
      help: 'Requests authenticated with an API key',
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'gatehouse_http_request_duration_seconds',
      help: 'API request duration by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    ready: new Gauge({
      name: 'gatehouse_ready',
      help: '1 while the database answers, 0 otherwise (checked at each scrape)',
      registers: [registry],
    }),
  }
}

// Next bundles route handlers separately; one registry per process keeps the counters whole.
const METRICS_SLOT = Symbol.for('gatehouse.metrics')
type MetricsGlobal = typeof globalThis & { [METRICS_SLOT]?: ReturnType<typeof createMetrics> }

export function metrics() {
  const holder = globalThis as MetricsGlobal
  holder[METRICS_SLOT] ??= createMetrics()
  return holder[METRICS_SLOT]
}
