import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import postgres from 'postgres'
import { startTestIdp } from '../lib/testing/oidc-idp'
import { startSmtpSink } from '../lib/testing/smtp-sink'
import { startTurnstileStandIn } from '../lib/testing/turnstile-stand-in'
import { resolvePostgres, withDatabase } from '../testing/postgres.mjs'
import { MAIL_SPOOL } from './support/mailbox'
import { RUN_DIR, type StartedServer, startServer } from './support/server'
import type { ServerInfo } from './support/servers'

export const E2E_ADMIN = { email: 'ops@example.com', password: 'Headless-Admin-Pass-1' }

/** The OpenID Provider the console's single sign-on flow signs in at (a real oidc-provider on 127.0.0.1). */
export const E2E_IDP = {
  port: 3197,
  slug: 'test-idp',
  client: { client_id: 'gatehouse-e2e', client_secret: 'e2e-client-secret' },
  accounts: {
    grace: { sub: 'e2e-grace', email: 'grace@sso.example.test', email_verified: true, name: 'Grace Hopper' },
    oscar: { sub: 'e2e-oscar', email: 'oscar@elsewhere.test', email_verified: true, name: 'Oscar Outsider' },
  },
}

/**
 * Starts the production build: on PGlite with no configuration at all (a fresh install), with a
 * headless admin and guest mode allowed (the console), with Turnstile on, and on a throwaway PostgreSQL database with a
 * headless admin, for tests that reach into the database.
 */
export default async function globalSetup() {
  rmSync(RUN_DIR, { recursive: true, force: true })
  const servers: StartedServer[] = []
  const info: Record<string, ServerInfo> = {}
  const idp = await startTestIdp({
    port: E2E_IDP.port,
    clients: [{ ...E2E_IDP.client, redirect_uris: [`http://localhost:3102/api/auth/callback/${E2E_IDP.slug}`] }],
    accounts: E2E_IDP.accounts,
  })
  // The console's mail goes to a real SMTP server on 127.0.0.1; the specs read it from the spool.
  const mailSink = await startSmtpSink({ spoolDir: MAIL_SPOOL })
  // Turnstile on every form, verified by a local stand-in of Cloudflare's siteverify.
  const turnstileVerifier = await startTurnstileStandIn()
  const adminUrl = resolvePostgres('playwright')
  let dropDatabase = async () => {}
  let databaseUrl: string | undefined
  if (adminUrl) {
    const name = `gatehouse_e2e_${Date.now().toString(36)}`
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
    await admin.unsafe(`create database "${name}"`)
    databaseUrl = withDatabase(adminUrl, name)
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`)
      await admin.end()
    }
  }
  // The servers boot at once: each mostly waits on its own start-up, and CI time is short.
  const [pglite, consoleServer, turnstileServer, postgresServer] = await Promise.all([
    startServer({ name: 'pglite', port: 3100 }),
    startServer({
      name: 'console',
      port: 3102,
      env: {
        SMTP_URL: mailSink.url,
        MAIL_FROM: 'Gatehouse E2E <gatehouse@example.test>',
        OIDC_TRUSTED_ISSUERS: idp.issuer,
        GATEHOUSE_ADMIN_EMAIL: E2E_ADMIN.email,
        GATEHOUSE_ADMIN_PASSWORD: E2E_ADMIN.password,
        GATEHOUSE_ADMIN_NAME: 'Olive Ops',
        // Guest mode is opt-in per org as well: the console's other flows never open an org to guests.
        ALLOW_GUEST_MODE: 'true',
      },
    }),
    startServer({
      name: 'turnstile',
      port: 3103,
      env: {
        GATEHOUSE_ADMIN_EMAIL: E2E_ADMIN.email,
        GATEHOUSE_ADMIN_PASSWORD: E2E_ADMIN.password,
        TURNSTILE_ENABLED: 'true',
        TURNSTILE_SITE_KEY: 'e2e-site-key',
        TURNSTILE_SECRET_KEY: 'e2e-secret-key',
        TURNSTILE_REQUIRE_ON_LOGIN: 'true',
        TURNSTILE_VERIFY_URL: turnstileVerifier.url,
      },
    }),
    databaseUrl
      ? startServer({
          name: 'postgres',
          port: 3101,
          env: {
            DATABASE_URL: databaseUrl,
            GATEHOUSE_ADMIN_EMAIL: E2E_ADMIN.email,
            GATEHOUSE_ADMIN_PASSWORD: E2E_ADMIN.password,
          },
        })
      : undefined,
  ])
  servers.push(pglite, consoleServer, turnstileServer)
  info.pglite = { url: pglite.url, logPath: pglite.logPath }
  info.console = { url: consoleServer.url, logPath: consoleServer.logPath, admin: E2E_ADMIN }
  info.turnstile = { url: turnstileServer.url, logPath: turnstileServer.logPath, admin: E2E_ADMIN }
  if (postgresServer && databaseUrl) {
    servers.push(postgresServer)
    info.postgres = { url: postgresServer.url, logPath: postgresServer.logPath, databaseUrl, admin: E2E_ADMIN }
  }
  writeFileSync(join(RUN_DIR, 'servers.json'), JSON.stringify(info, null, 2))

  return async () => {
    await Promise.all(servers.map((server) => server.stop()))
    await turnstileVerifier.close()
    await mailSink.close()
    await idp.close()
    await dropDatabase()
  }
}
