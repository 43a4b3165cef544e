import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './load'

const load = (env: Record<string, string>, flags: Record<string, string> = {}) =>
  loadConfig({ env: { GATEHOUSE_CONFIG: '', ...env }, flags })

function failureOf(env: Record<string, string>): string {
  try {
    load(env)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as Error).message
  }
  throw new Error('expected the configuration to be refused')
}

describe('configuration schema', () => {
  it('has secure, zero-configuration defaults', () => {
    const config = load({})
    expect(config).toMatchObject({
      appUrl: 'http://localhost:3000',
      port: 3000,
      bindHost: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: './data',
      authEnabled: true,
      enableRegistration: true,
      defaultUserRole: 'member',
      jwt: { algorithm: 'ES256', accessTokenTtl: 900, refreshTokenTtl: 7 * 86400 },
      sessionTtl: 7 * 86400,
      passwordPolicy: { minLength: 12, requireUppercase: true, requireSymbol: true },
      rateLimit: { enabled: true, globalPerMinute: 100, authPerMinute: 5, perHour: 1000 },
      maxBodyBytes: 1024 * 1024,
      maxUploadBytes: 25 * 1024 * 1024,
      initialAdmin: undefined,
    })
  })

  it('derives APP_URL from PORT when only PORT is set', () => {
    expect(load({ PORT: '4100' })).toMatchObject({ appUrl: 'http://localhost:4100', port: 4100 })
    expect(load({ PORT: '4100', APP_URL: 'https://gate.example.com' }).appUrl).toBe('https://gate.example.com')
  })

  it('reads TRUST_PROXY as a number of proxy hops', () => {
    expect(load({}).trustProxy).toBe(0)
    expect(load({ TRUST_PROXY: 'false' }).trustProxy).toBe(0)
    expect(load({ TRUST_PROXY: 'true' }).trustProxy).toBe(1)
    expect(load({ TRUST_PROXY: '2' }).trustProxy).toBe(2)
    expect(failureOf({ TRUST_PROXY: 'maybe' })).toBe(
      'Invalid configuration: TRUST_PROXY: expected true, false or a number of proxy hops from 0 to 10',
    )
    expect(failureOf({ TRUST_PROXY: '11' })).toContain('TRUST_PROXY')
  })

  it('refuses a JWT_SECRET shorter than 32 characters, naming it without echoing it', () => {
    const message = failureOf({ JWT_ALGORITHM: 'HS256', JWT_SECRET: 'too-short-secret-value' })
    expect(message).toBe('Invalid configuration: JWT_SECRET: must be at least 32 characters')
    expect(message).not.toContain('too-short-secret-value')
    expect(load({ JWT_ALGORITHM: 'HS256', JWT_SECRET: 'x'.repeat(32) }).jwt.secret).toHaveLength(32)
  })

  it('refuses a GATEHOUSE_ADMIN_PASSWORD shorter than 12 characters', () => {
    expect(failureOf({ GATEHOUSE_ADMIN_EMAIL: 'root@example.com', GATEHOUSE_ADMIN_PASSWORD: 'Short-1!' })).toBe(
      'Invalid configuration: GATEHOUSE_ADMIN_PASSWORD: must be at least 12 characters',
    )
  })

  it('needs the admin e-mail and password together', () => {
    expect(failureOf({ GATEHOUSE_ADMIN_EMAIL: 'root@example.com' })).toContain(
      'GATEHOUSE_ADMIN_PASSWORD: must be set together with GATEHOUSE_ADMIN_EMAIL',
    )
  })

  it.each(['mysql://db/gatehouse', 'not a url', 'postgres://', 'http://example.com/db'])(
    'refuses DATABASE_URL %s',
    (url) => {
      expect(failureOf({ DATABASE_URL: url })).toBe(
        'Invalid configuration: DATABASE_URL: expected a URL such as postgres://user:password@host:5432/database',
      )
    },
  )

  it('accepts postgres:// and postgresql:// database URLs', () => {
    expect(load({ DATABASE_URL: 'postgresql://gh:pw@db:5432/gatehouse' }).databaseUrl).toBe(
      'postgresql://gh:pw@db:5432/gatehouse',
    )
  })

  it('refuses AUTH_ENABLED=false unless BIND_HOST is loopback', () => {
    expect(failureOf({ AUTH_ENABLED: 'false', BIND_HOST: '0.0.0.0' })).toBe(
      'Invalid configuration: AUTH_ENABLED: false is allowed only when BIND_HOST is a loopback address (127.0.0.1, ::1 or localhost), not 0.0.0.0',
    )
    expect(failureOf({ AUTH_ENABLED: 'false', BIND_HOST: '192.168.1.10' })).toContain('AUTH_ENABLED')
    for (const host of ['127.0.0.1', '::1', 'localhost', '127.0.0.53']) {
      expect(load({ AUTH_ENABLED: 'false', BIND_HOST: host }).authEnabled).toBe(false)
    }
    // Loopback behind a proxy, or under a public name, is reachable by others all the same.
    expect(failureOf({ AUTH_ENABLED: 'false', TRUST_PROXY: '1' })).toBe(
      'Invalid configuration: AUTH_ENABLED: false is not allowed behind a proxy (TRUST_PROXY)',
    )
    expect(failureOf({ AUTH_ENABLED: 'false', APP_URL: 'https://gatehouse.example.com' })).toBe(
      'Invalid configuration: AUTH_ENABLED: false is allowed only when APP_URL names this machine (localhost), not gatehouse.example.com',
    )
    expect(load({ AUTH_ENABLED: 'false', APP_URL: 'http://127.0.0.1:4000' }).authEnabled).toBe(false)
  })

  it('reads OIDC_TRUSTED_ISSUERS as a list of origins and refuses anything else', () => {
    expect(load({}).oidcTrustedIssuers).toEqual([])
    expect(
      load({ OIDC_TRUSTED_ISSUERS: 'http://127.0.0.1:9000, https://idp.example.com/' }).oidcTrustedIssuers,
    ).toEqual(['http://127.0.0.1:9000', 'https://idp.example.com'])
    for (const bad of [
      'https://idp.example.com/realms/x',
      'ftp://idp.example.com',
      'idp.example.com',
      'https://a.example,*',
    ])
      expect(failureOf({ OIDC_TRUSTED_ISSUERS: bad }), bad).toContain(
        'OIDC_TRUSTED_ISSUERS: expected comma-separated origins',
      )
  })

  it('names every wrong variable on one line', () => {
    const message = failureOf({ PORT: '99999', ACCESS_TOKEN_TTL: 'soon', TLS_REQUIRED: 'maybe' })
    expect(message.split('\n')).toHaveLength(1)
    expect(message).toContain('PORT: expected a whole number from 1 to 65535')
    expect(message).toContain('ACCESS_TOKEN_TTL: expected a duration such as 90s, 15m, 12h or 7d')
    expect(message).toContain('TLS_REQUIRED: expected true or false')
  })

  it('refuses a master key that is not 32 base64 bytes', () => {
    expect(failureOf({ GATEHOUSE_MASTER_KEY: Buffer.alloc(16).toString('base64') })).toContain(
      'GATEHOUSE_MASTER_KEY: expected 32 random bytes',
    )
  })

  it('parses durations and sizes', () => {
    const config = load({
      ACCESS_TOKEN_TTL: '90s',
      REFRESH_TOKEN_TTL: '12h',
      SESSION_TTL: '3600',
      MAX_BODY_BYTES: '2MiB',
      MAX_UPLOAD_BYTES: '1000',
    })
    expect(config.jwt.accessTokenTtl).toBe(90)
    expect(config.jwt.refreshTokenTtl).toBe(43200)
    expect(config.sessionTtl).toBe(3600)
    expect(config.maxBodyBytes).toBe(2 * 1024 * 1024)
    expect(config.maxUploadBytes).toBe(1000)
  })

  it('keeps files on the disk unless FILE_STORAGE=s3, which needs a well-formed bucket', () => {
    expect(load({}).fileStorage.kind).toBe('local')
    expect(failureOf({ FILE_STORAGE: 'gcs' })).toBe('Invalid configuration: FILE_STORAGE: expected local or s3')
    expect(failureOf({ FILE_STORAGE: 's3' })).toBe('Invalid configuration: S3_BUCKET: is required when FILE_STORAGE=s3')
    expect(failureOf({ FILE_STORAGE: 's3', S3_BUCKET: 'Files_Bucket' })).toMatch(
      /^Invalid configuration: S3_BUCKET: expected a bucket name/,
    )
    expect(failureOf({ FILE_STORAGE: 's3', S3_BUCKET: 'files', S3_ENDPOINT: 'ftp://store' })).toBe(
      'Invalid configuration: S3_ENDPOINT: expected an http:// or https:// URL',
    )
    expect(failureOf({ FILE_STORAGE: 's3', S3_BUCKET: 'files', S3_SECRET_ACCESS_KEY: 'k' })).toBe(
      'Invalid configuration: S3_ACCESS_KEY_ID: must be set with S3_SECRET_ACCESS_KEY',
    )
    const s3 = load({
      FILE_STORAGE: 's3',
      S3_BUCKET: 'files',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_FORCE_PATH_STYLE: 'true',
    })
    expect(s3.fileStorage).toEqual({
      kind: 's3',
      s3: {
        endpoint: 'http://127.0.0.1:9000',
        region: 'us-east-1',
        bucket: 'files',
        accessKeyId: undefined,
        secretAccessKey: undefined,
        forcePathStyle: true,
      },
    })
  })

  it('serves TLS only with both files and an https APP_URL, which it then defaults to', () => {
    expect(failureOf({ TLS_CERT_FILE: '/etc/gatehouse/cert.pem' })).toBe(
      'Invalid configuration: TLS_KEY_FILE: must be set together with TLS_CERT_FILE',
    )
    const files = { TLS_CERT_FILE: '/etc/gatehouse/cert.pem', TLS_KEY_FILE: '/etc/gatehouse/key.pem' }
    expect(failureOf({ ...files, APP_URL: 'http://id.example.com' })).toBe(
      'Invalid configuration: APP_URL: must be https:// when Gatehouse serves TLS itself (TLS_CERT_FILE)',
    )
    expect(load({ ...files, PORT: '8443' })).toMatchObject({
      appUrl: 'https://localhost:8443',
      isHttps: true,
      tls: { certFile: '/etc/gatehouse/cert.pem', keyFile: '/etc/gatehouse/key.pem' },
    })
    expect(load({}).tls).toBeUndefined()
  })

  it('on Vercel, refuses to start without PostgreSQL, the master key in the environment and S3', () => {
    expect(failureOf({ VERCEL: '1' })).toBe(
      'Invalid configuration: on Vercel, set DATABASE_URL (PostgreSQL), GATEHOUSE_MASTER_KEY, FILE_STORAGE=s3: there is no persistent filesystem to keep them on',
    )
    const complete = {
      VERCEL: '1',
      DATABASE_URL: 'postgres://gatehouse@db.example.com/gatehouse',
      GATEHOUSE_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
      FILE_STORAGE: 's3',
      S3_BUCKET: 'gatehouse-files',
    }
    expect(load(complete).fileStorage.kind).toBe('s3')
    const { FILE_STORAGE: _, ...localFiles } = complete
    expect(failureOf(localFiles)).toBe(
      'Invalid configuration: on Vercel, set FILE_STORAGE=s3: there is no persistent filesystem to keep them on',
    )
    // Anywhere else the same variables are optional.
    expect(load({ VERCEL: '0' }).fileStorage.kind).toBe('local')
  })

  it('requires Turnstile keys when Turnstile is on', () => {
    expect(failureOf({ TURNSTILE_ENABLED: 'true' })).toContain('TURNSTILE_SECRET_KEY')
  })

  it('treats HTTPS APP_URLs as HTTPS and strips paths', () => {
    const config = load({ APP_URL: 'https://id.example.com/' })
    expect(config.appUrl).toBe('https://id.example.com')
    expect(config.isHttps).toBe(true)
  })
})

describe('configuration sources', () => {
  const tomlFile = (content: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'gatehouse-toml-')), 'gatehouse.toml')
    writeFileSync(path, content)
    return path
  }

  it('reads gatehouse.toml, with the environment above it and flags above both', () => {
    const path = tomlFile('PORT = 4000\nlog_level = "debug"\nDATA_DIR = "/srv/toml"\n')
    expect(loadConfig({ env: { GATEHOUSE_CONFIG: path } })).toMatchObject({
      port: 4000,
      logLevel: 'debug',
      dataDir: '/srv/toml',
    })
    expect(loadConfig({ env: { GATEHOUSE_CONFIG: path, PORT: '5000' } }).port).toBe(5000)
    expect(loadConfig({ env: { GATEHOUSE_CONFIG: path, PORT: '5000' }, flags: { PORT: '6000' } }).port).toBe(6000)
  })

  it('validates values from gatehouse.toml like any other', () => {
    const path = tomlFile('JWT_ALGORITHM = "HS256"\nJWT_SECRET = "short"\n')
    expect(() => loadConfig({ env: { GATEHOUSE_CONFIG: path } })).toThrow(
      'Invalid configuration: JWT_SECRET: must be at least 32 characters',
    )
  })

  it('refuses a GATEHOUSE_CONFIG that does not exist or does not parse', () => {
    expect(() => loadConfig({ env: { GATEHOUSE_CONFIG: '/nonexistent/gatehouse.toml' } })).toThrow(
      'GATEHOUSE_CONFIG: file /nonexistent/gatehouse.toml does not exist',
    )
    expect(() => loadConfig({ env: { GATEHOUSE_CONFIG: tomlFile('PORT = = 1') } })).toThrow(ConfigError)
  })
})

describe('rate-limit store choice', () => {
  it('defaults to auto and refuses a store without its server', () => {
    expect(loadConfig({ env: { GATEHOUSE_CONFIG: '' } }).rateLimit.store).toBe('auto')
    expect(() => loadConfig({ env: { GATEHOUSE_CONFIG: '', RATE_LIMIT_STORE: 'redis' } })).toThrow(
      'RATE_LIMIT_STORE: redis needs REDIS_URL',
    )
    expect(() => loadConfig({ env: { GATEHOUSE_CONFIG: '', RATE_LIMIT_STORE: 'postgres' } })).toThrow(
      'RATE_LIMIT_STORE: postgres needs DATABASE_URL',
    )
    expect(
      loadConfig({ env: { GATEHOUSE_CONFIG: '', RATE_LIMIT_STORE: 'memory', DATABASE_URL: 'postgres://db/x' } })
        .rateLimit.store,
    ).toBe('memory')
  })
})
