import { defineConfig, devices } from '@playwright/test'
import { isPostgresReachable, postgresRequired, testDatabaseUrl } from './testing/postgres.mjs'

const withPostgres = postgresRequired() || isPostgresReachable(testDatabaseUrl())

// Debian's Chromium, never a downloaded browser; no background traffic on a closed network.
const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
}

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  globalSetup: './e2e/global-setup.ts',
  // Two projects at a time: a test mostly waits on its browser or server, so the second core is free.
  // Inside a project one test at a time: its tests share one instance (console) or fixed ports (startup).
  workers: 2,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: { ...chromium, trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'pglite',
      workers: 1,
      testMatch: ['first-run.spec.ts', 'security-headers.spec.ts'],
      use: { ...chromium, baseURL: 'http://localhost:3100' },
    },
    {
      name: 'console',
      workers: 1,
      testMatch: [
        'attacks.spec.ts',
        'audit.spec.ts',
        'every-page.spec.ts',
        'files.spec.ts',
        'guest-mode.spec.ts',
        'mail.spec.ts',
        'organizations.spec.ts',
        'passkeys.spec.ts',
        'push.spec.ts',
        'registration.spec.ts',
        'secrets.spec.ts',
        'security.spec.ts',
        'sessions.spec.ts',
        'settings.spec.ts',
        'sso.spec.ts',
        'two-factor.spec.ts',
      ],
      use: { ...chromium, baseURL: 'http://localhost:3102' },
    },
    {
      name: 'turnstile',
      workers: 1,
      testMatch: ['turnstile.spec.ts'],
      use: { ...chromium, baseURL: 'http://localhost:3103' },
    },
    {
      name: 'startup',
      workers: 1,
      testMatch: [
        'cli.spec.ts',
        'durability.spec.ts',
        'many-instances.spec.ts',
        'rate-limits-postgres.spec.ts',
        'standalone.spec.ts',
        'startup.spec.ts',
        'tls.spec.ts',
      ],
    },
    ...(withPostgres
      ? [
          {
            name: 'postgres',
            workers: 1,
            testMatch: ['session-revocation.spec.ts'],
            use: { ...chromium, baseURL: 'http://localhost:3101' },
          },
        ]
      : []),
  ],
})
