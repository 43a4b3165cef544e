import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { resolvePostgres, resolveRedis } from './testing/postgres.mjs'

const root = fileURLToPath(new URL('.', import.meta.url))
const postgresUrl = resolvePostgres('vitest')
const redisUrl = resolveRedis('vitest')
const integration = ['**/*.int.test.ts']
// The heaviest integration files whose SQL is the same drizzle code on either database and whose
// subject is elsewhere (HTTP, crypto, protocols): they run on PGlite only, to keep CI inside its
// time. What differs between the databases (locks, concurrent writers, migrations, rate-limit
// stores, restarts, revocation) runs on both.
const pgliteOnly = [
  'lib/rbac/access-matrix.int.test.ts',
  'lib/http/fuzz.int.test.ts',
  'lib/oidc/sso-sign-in.int.test.ts',
  'lib/auth/mail-links.int.test.ts',
  'lib/notify/push.int.test.ts',
  'lib/auth/passkeys/passkeys.int.test.ts',
]

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}` },
      { find: /^server-only$/, replacement: `${root}testing/server-only-stub.ts` },
    ],
  },
  test: {
    env: { LOG_LEVEL: 'silent', NODE_ENV: 'test' },
    exclude: ['**/node_modules/**', 'e2e/**', '.next/**'],
    // next-auth imports `next/server` without an extension, which Node's ESM resolver refuses; Vite resolves it.
    server: { deps: { inline: ['next-auth'] } },
    globalSetup: ['./testing/database-templates.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers only queue on the CPU and on PGlite's start-up.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: [...integration, '**/*.pg.test.ts', '**/*.redis.test.ts', 'e2e/**', 'node_modules/**'],
        },
      },
      { extends: true, test: { name: 'pglite', include: integration, env: { TEST_DB: 'pglite' } } },
      ...(postgresUrl
        ? [
            {
              extends: true,
              test: {
                name: 'postgres',
                include: [...integration, '**/*.pg.test.ts'],
                exclude: ['node_modules/**', ...pgliteOnly],
                env: { TEST_DB: 'postgres', TEST_DATABASE_URL: postgresUrl },
              },
            },
          ]
        : []),
      ...(redisUrl
        ? [
            {
              extends: true,
              test: {
                name: 'redis',
                include: ['**/*.redis.test.ts'],
                exclude: ['node_modules/**'],
                env: { TEST_DB: 'pglite', TEST_REDIS_URL: redisUrl },
              },
            },
          ]
        : []),
    ],
  },
})
