import { isIP } from 'node:net'
import { z } from 'zod'
import { hasControlCharacter } from '@/lib/control-characters'

/**
 * The one schema for every configuration variable (SPEC §3). Inputs are the raw strings from
 * flags, environment or gatehouse.toml; the output is a typed, camelCased Config.
 */

const boolString = z.union([z.boolean(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'boolean') return value
  const normalized = value.trim().toLowerCase()
  if (['true', '1', 'yes', 'on'].includes(normalized)) return true
  if (['false', '0', 'no', 'off', ''].includes(normalized)) return false
  ctx.addIssue({ code: 'custom', message: 'expected true or false' })
  return z.NEVER
})

const intString = (min: number, max: number) =>
  z.union([z.number(), z.string()]).transform((value, ctx) => {
    const parsed = typeof value === 'number' ? value : Number(value.trim())
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      ctx.addIssue({ code: 'custom', message: `expected a whole number from ${min} to ${max}` })
      return z.NEVER
    }
    return parsed
  })

/**
 * TRUST_PROXY: how many proxies in front of Gatehouse append to X-Forwarded-For. `false` (0) believes
 * no header at all; `true` is one proxy; a number is that many hops.
 */
const proxyHops = z.union([z.boolean(), z.number(), z.string()]).transform((value, ctx) => {
  const normalized = String(value).trim().toLowerCase()
  if (['true', 'yes', 'on'].includes(normalized)) return 1
  if (['false', 'no', 'off', ''].includes(normalized)) return 0
  const hops = Number(normalized)
  if (/^\d+$/.test(normalized) && hops <= 10) return hops
  ctx.addIssue({ code: 'custom', message: 'expected true, false or a number of proxy hops from 0 to 10' })
  return z.NEVER
})

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 }

/** "15m", "7d", "3600" (seconds) → seconds. */
const durationString = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const match = /^(\d+)\s*([smhd]?)$/.exec(String(value).trim())
  const seconds = match ? Number(match[1]) * DURATION_UNITS[match[2] || 's'] : NaN
  if (!Number.isSafeInteger(seconds) || seconds <= 0) {
    ctx.addIssue({ code: 'custom', message: 'expected a duration such as 90s, 15m, 12h or 7d' })
    return z.NEVER
  }
  return seconds
})

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1000,
  kib: 1024,
  mb: 1e6,
  mib: 1024 ** 2,
  gb: 1e9,
  gib: 1024 ** 3,
}

/** "1048576", "1MiB", "25 MiB" → bytes. */
const sizeString = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const match = /^(\d+)\s*([a-z]*)$/i.exec(String(value).trim())
  const unit = match ? SIZE_UNITS[match[2].toLowerCase()] : undefined
  if (!match || unit === undefined || Number(match[1]) <= 0) {
    ctx.addIssue({ code: 'custom', message: 'expected a size in bytes, such as 1048576 or 1MiB' })
    return z.NEVER
  }
  return Number(match[1]) * unit
})

const optionalString = z
  .string()
  .transform((value) => value.trim())
  .pipe(z.string())
  .optional()
  .transform((value) => (value ? value : undefined))

const secretAtLeast = (min: number) =>
  optionalString.refine((value) => value === undefined || value.length >= min, {
    message: `must be at least ${min} characters`,
  })

// The URL parser drops line breaks and tabs silently, so a value must not hold them: as written, it
// would carry a line of its own into security.txt or a header.
const httpUrl = z
  .string()
  .trim()
  .refine((value) => !hasControlCharacter(value), { message: 'expected a URL without control characters' })
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    message: 'expected an http:// or https:// URL',
  })

/** "https://a.example, http://127.0.0.1:9000" → their origins; a path, or anything but http(s), is refused. */
const originList = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const entries = (value ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
    const origins: string[] = []
    for (const entry of entries) {
      const url = URL.canParse(entry) ? new URL(entry) : undefined
      if (
        !url ||
        !/^https?:$/.test(url.protocol) ||
        url.origin !== entry.replace(/\/$/, '') ||
        hasControlCharacter(entry)
      ) {
        ctx.addIssue({
          code: 'custom',
          message: `expected comma-separated origins such as https://idp.example.com, not ${JSON.stringify(entry).slice(0, 80)}`,
        })
        return z.NEVER
      }
      origins.push(url.origin)
    }
    return origins
  })

const postgresUrl = optionalString.refine(
  (value) =>
    value === undefined ||
    (URL.canParse(value) && /^postgres(ql)?:$/.test(new URL(value).protocol) && new URL(value).hostname !== ''),
  { message: 'expected a URL such as postgres://user:password@host:5432/database' },
)

const redisUrl = optionalString.refine(
  (value) => value === undefined || (URL.canParse(value) && /^rediss?:$/.test(new URL(value).protocol)),
  { message: 'expected a URL such as redis://host:6379' },
)

const masterKey = optionalString.refine((value) => value === undefined || Buffer.from(value, 'base64').length === 32, {
  message: 'expected 32 random bytes, base64-encoded (openssl rand -base64 32)',
})

const email = optionalString.pipe(z.email({ message: 'expected an e-mail address' }).optional())

const S3_BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

const BUILTIN_DEFAULT_ROLES = ['admin', 'member', 'viewer'] as const

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '')
  if (bare === 'localhost') return true
  if (isIP(bare) === 4) return bare.startsWith('127.')
  if (isIP(bare) === 6) return bare === '::1'
  return false
}

export const configInputSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // Unset: http://localhost:$PORT, so that PORT alone moves the whole instance.
    APP_URL: httpUrl.optional(),
    PORT: intString(1, 65535).default(3000),
    BIND_HOST: z.string().trim().min(1).default('127.0.0.1'),
    DATABASE_URL: postgresUrl,
    DATA_DIR: z.string().trim().min(1).default('./data'),
    REDIS_URL: redisUrl,
    GATEHOUSE_MASTER_KEY: masterKey,
    GATEHOUSE_MASTER_KEY_FILE: optionalString,
    GATEHOUSE_MASTER_KEY_PREVIOUS: masterKey,
    JWT_ALGORITHM: z.enum(['ES256', 'RS256', 'EdDSA', 'HS256']).default('ES256'),
    JWT_SECRET: secretAtLeast(32),
    JWT_PRIVATE_KEY_PATH: optionalString,
    JWT_PUBLIC_KEY_PATH: optionalString,
    AUTH_SECRET: secretAtLeast(32),
    ACCESS_TOKEN_TTL: durationString.default(15 * 60),
    REFRESH_TOKEN_TTL: durationString.default(7 * 86400),
    SESSION_TTL: durationString.default(7 * 86400),
    AUTH_ENABLED: boolString.default(true),
    ALLOW_GUEST_MODE: boolString.default(false),
    ENABLE_REGISTRATION: boolString.default(true),
    DEFAULT_USER_ROLE: z.enum(BUILTIN_DEFAULT_ROLES, { message: 'expected admin, member or viewer' }).default('member'),
    GATEHOUSE_ADMIN_EMAIL: email,
    GATEHOUSE_ADMIN_PASSWORD: secretAtLeast(12),
    GATEHOUSE_ADMIN_NAME: optionalString,
    GATEHOUSE_INTERNAL_TOKEN: secretAtLeast(32),
    PASSWORD_MIN_LENGTH: intString(8, 128).default(12),
    PASSWORD_REQUIRE_UPPERCASE: boolString.default(true),
    PASSWORD_REQUIRE_SYMBOL: boolString.default(true),
    TURNSTILE_ENABLED: boolString.default(false),
    TURNSTILE_SITE_KEY: optionalString,
    TURNSTILE_SECRET_KEY: optionalString,
    TURNSTILE_REQUIRE_ON_LOGIN: boolString.default(false),
    TURNSTILE_REQUIRE_ON_REGISTER: boolString.default(true),
    TURNSTILE_REQUIRE_ON_PASSWORD_CHANGE: boolString.default(true),
    TURNSTILE_VERIFY_URL: httpUrl.default('https://challenges.cloudflare.com/turnstile/v0/siteverify'),
    AUTH_TOTP_ISSUER: z.string().trim().min(1).max(64).default('Gatehouse'),
    RATE_LIMIT_ENABLED: boolString.default(true),
    RATE_LIMIT_GLOBAL: intString(1, 1_000_000).default(100),
    RATE_LIMIT_AUTH: intString(1, 1_000_000).default(5),
    RATE_LIMIT_PER_HOUR: intString(1, 100_000_000).default(1000),
    RATE_LIMIT_STORE: z
      .enum(['auto', 'memory', 'redis', 'postgres'], { message: 'expected auto, memory, redis or postgres' })
      .default('auto'),
    TRUST_PROXY: proxyHops.default(0),
    TLS_REQUIRED: boolString.default(false),
    TLS_CERT_FILE: optionalString,
    TLS_KEY_FILE: optionalString,
    MAX_BODY_BYTES: sizeString.default(1024 * 1024),
    MAX_UPLOAD_BYTES: sizeString.default(25 * 1024 * 1024),
    VAPID_PUBLIC_KEY: optionalString,
    VAPID_PRIVATE_KEY: optionalString,
    VAPID_SUBJECT: optionalString.refine(
      (value) => value === undefined || /^(mailto:.+@.+|https:\/\/.+)$/.test(value),
      { message: 'expected mailto:someone@example.com or an https:// URL' },
    ),
    SMTP_URL: optionalString.refine(
      (value) => value === undefined || (URL.canParse(value) && /^smtps?:$/.test(new URL(value).protocol)),
      { message: 'expected a URL such as smtp://user:password@host:587' },
    ),
    MAIL_FROM: optionalString,
    METRICS_TOKEN: secretAtLeast(16),
    ADMIN_CONTACT_EMAIL: email,
    ADMIN_CONTACT_URL: optionalString.pipe(httpUrl.optional()),
    FILE_STORAGE: z.enum(['local', 's3'], { message: 'expected local or s3' }).default('local'),
    S3_ENDPOINT: optionalString.pipe(httpUrl.optional()),
    S3_REGION: z.string().trim().min(1).default('us-east-1'),
    S3_BUCKET: optionalString.refine((value) => value === undefined || S3_BUCKET_NAME.test(value), {
      message: 'expected a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens',
    }),
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    S3_FORCE_PATH_STYLE: boolString.default(false),
    OIDC_TRUSTED_ISSUERS: originList,
    PUSH_ALLOWED_ORIGINS: originList,
  })
  .superRefine((input, ctx) => {
    const requireTogether = (a: keyof typeof input, b: keyof typeof input) => {
      if (Boolean(input[a]) !== Boolean(input[b])) {
        ctx.addIssue({
          code: 'custom',
          path: [input[a] ? b : a],
          message: `must be set together with ${input[a] ? a : b}`,
        })
      }
    }
    if (!input.AUTH_ENABLED && !isLoopbackHost(input.BIND_HOST)) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_ENABLED'],
        message: `false is allowed only when BIND_HOST is a loopback address (127.0.0.1, ::1 or localhost), not ${input.BIND_HOST}`,
      })
    }
    // A proxy in front, or a public name, means someone other than the developer can reach it.
    if (!input.AUTH_ENABLED && input.TRUST_PROXY > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_ENABLED'],
        message: 'false is not allowed behind a proxy (TRUST_PROXY)',
      })
    }
    if (!input.AUTH_ENABLED && input.APP_URL && !isLoopbackHost(new URL(input.APP_URL).hostname)) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_ENABLED'],
        message: `false is allowed only when APP_URL names this machine (localhost), not ${new URL(input.APP_URL).hostname}`,
      })
    }
    requireTogether('GATEHOUSE_ADMIN_EMAIL', 'GATEHOUSE_ADMIN_PASSWORD')
    requireTogether('JWT_PRIVATE_KEY_PATH', 'JWT_PUBLIC_KEY_PATH')
    requireTogether('VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY')
    requireTogether('TLS_CERT_FILE', 'TLS_KEY_FILE')
    if (input.TLS_CERT_FILE && input.APP_URL && new URL(input.APP_URL).protocol !== 'https:') {
      ctx.addIssue({
        code: 'custom',
        path: ['APP_URL'],
        message: 'must be https:// when Gatehouse serves TLS itself (TLS_CERT_FILE)',
      })
    }
    if (input.GATEHOUSE_MASTER_KEY && input.GATEHOUSE_MASTER_KEY_FILE) {
      ctx.addIssue({
        code: 'custom',
        path: ['GATEHOUSE_MASTER_KEY_FILE'],
        message: 'set either GATEHOUSE_MASTER_KEY or GATEHOUSE_MASTER_KEY_FILE, not both',
      })
    }
    if (input.JWT_ALGORITHM === 'HS256' && input.JWT_PRIVATE_KEY_PATH) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_PRIVATE_KEY_PATH'],
        message: 'is for ES256, RS256 or EdDSA; HS256 uses JWT_SECRET',
      })
    }
    if (input.RATE_LIMIT_STORE === 'redis' && !input.REDIS_URL) {
      ctx.addIssue({ code: 'custom', path: ['RATE_LIMIT_STORE'], message: 'redis needs REDIS_URL' })
    }
    if (input.RATE_LIMIT_STORE === 'postgres' && !input.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['RATE_LIMIT_STORE'], message: 'postgres needs DATABASE_URL' })
    }
    if (input.FILE_STORAGE === 's3' && !input.S3_BUCKET) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required when FILE_STORAGE=s3' })
    }
    if (input.S3_SECRET_ACCESS_KEY && !input.S3_ACCESS_KEY_ID) {
      ctx.addIssue({ code: 'custom', path: ['S3_ACCESS_KEY_ID'], message: 'must be set with S3_SECRET_ACCESS_KEY' })
    }
    if (input.TURNSTILE_ENABLED && !(input.TURNSTILE_SITE_KEY && input.TURNSTILE_SECRET_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: ['TURNSTILE_SECRET_KEY'],
        message: 'TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY are required when TURNSTILE_ENABLED=true',
      })
    }
  })

export type ConfigInput = z.input<typeof configInputSchema>
export type ConfigVariable = keyof z.infer<typeof configInputSchema>
export const CONFIG_VARIABLES = Object.keys(configInputSchema.shape) as ConfigVariable[]

function toConfig(input: z.infer<typeof configInputSchema>) {
  const appUrl = new URL(input.APP_URL ?? `${input.TLS_CERT_FILE ? 'https' : 'http'}://localhost:${input.PORT}`)
  return {
    nodeEnv: input.NODE_ENV,
    logLevel: input.LOG_LEVEL,
    appUrl: appUrl.origin,
    isHttps: appUrl.protocol === 'https:',
    port: input.PORT,
    bindHost: input.BIND_HOST,
    databaseUrl: input.DATABASE_URL,
    dataDir: input.DATA_DIR,
    redisUrl: input.REDIS_URL,
    masterKey: {
      value: input.GATEHOUSE_MASTER_KEY,
      file: input.GATEHOUSE_MASTER_KEY_FILE,
      previous: input.GATEHOUSE_MASTER_KEY_PREVIOUS,
    },
    jwt: {
      algorithm: input.JWT_ALGORITHM,
      secret: input.JWT_SECRET,
      privateKeyPath: input.JWT_PRIVATE_KEY_PATH,
      publicKeyPath: input.JWT_PUBLIC_KEY_PATH,
      accessTokenTtl: input.ACCESS_TOKEN_TTL,
      refreshTokenTtl: input.REFRESH_TOKEN_TTL,
    },
    authSecret: input.AUTH_SECRET,
    sessionTtl: input.SESSION_TTL,
    authEnabled: input.AUTH_ENABLED,
    allowGuestMode: input.ALLOW_GUEST_MODE,
    enableRegistration: input.ENABLE_REGISTRATION,
    defaultUserRole: input.DEFAULT_USER_ROLE,
    initialAdmin:
      input.GATEHOUSE_ADMIN_EMAIL && input.GATEHOUSE_ADMIN_PASSWORD
        ? {
            email: input.GATEHOUSE_ADMIN_EMAIL,
            password: input.GATEHOUSE_ADMIN_PASSWORD,
            name: input.GATEHOUSE_ADMIN_NAME ?? 'Administrator',
          }
        : undefined,
    internalToken: input.GATEHOUSE_INTERNAL_TOKEN,
    passwordPolicy: {
      minLength: input.PASSWORD_MIN_LENGTH,
      requireUppercase: input.PASSWORD_REQUIRE_UPPERCASE,
      requireSymbol: input.PASSWORD_REQUIRE_SYMBOL,
    },
    turnstile: {
      enabled: input.TURNSTILE_ENABLED,
      siteKey: input.TURNSTILE_SITE_KEY,
      secretKey: input.TURNSTILE_SECRET_KEY,
      requireOnLogin: input.TURNSTILE_REQUIRE_ON_LOGIN,
      requireOnRegister: input.TURNSTILE_REQUIRE_ON_REGISTER,
      requireOnPasswordChange: input.TURNSTILE_REQUIRE_ON_PASSWORD_CHANGE,
      verifyUrl: input.TURNSTILE_VERIFY_URL,
    },
    totpIssuer: input.AUTH_TOTP_ISSUER,
    rateLimit: {
      enabled: input.RATE_LIMIT_ENABLED,
      globalPerMinute: input.RATE_LIMIT_GLOBAL,
      authPerMinute: input.RATE_LIMIT_AUTH,
      perHour: input.RATE_LIMIT_PER_HOUR,
      store: input.RATE_LIMIT_STORE,
    },
    /** Trusted proxy hops in front of the server (0: none; X-Forwarded-* is not believed). */
    trustProxy: input.TRUST_PROXY,
    tlsRequired: input.TLS_REQUIRED,
    /** Serve HTTPS directly with these PEM files (scripts/lib/tls.mjs), reloaded on SIGHUP. */
    tls:
      input.TLS_CERT_FILE && input.TLS_KEY_FILE
        ? { certFile: input.TLS_CERT_FILE, keyFile: input.TLS_KEY_FILE }
        : undefined,
    maxBodyBytes: input.MAX_BODY_BYTES,
    maxUploadBytes: input.MAX_UPLOAD_BYTES,
    vapid: { publicKey: input.VAPID_PUBLIC_KEY, privateKey: input.VAPID_PRIVATE_KEY, subject: input.VAPID_SUBJECT },
    smtp: { url: input.SMTP_URL, from: input.MAIL_FROM },
    metricsToken: input.METRICS_TOKEN,
    adminContact: { email: input.ADMIN_CONTACT_EMAIL, url: input.ADMIN_CONTACT_URL },
    fileStorage: {
      kind: input.FILE_STORAGE,
      s3: {
        endpoint: input.S3_ENDPOINT,
        region: input.S3_REGION,
        bucket: input.S3_BUCKET,
        accessKeyId: input.S3_ACCESS_KEY_ID,
        /** Unset with an access key id: read from the registry (`s3.secret_access_key`, sealed). */
        secretAccessKey: input.S3_SECRET_ACCESS_KEY,
        forcePathStyle: input.S3_FORCE_PATH_STYLE,
      },
    },
    /** Identity-provider origins that may be http or internal (lib/oidc/guarded-fetch.ts). */
    oidcTrustedIssuers: input.OIDC_TRUSTED_ISSUERS,
    /** Push-service origins that may be http or internal (tests): lib/notify/push-endpoint.ts. */
    pushAllowedOrigins: input.PUSH_ALLOWED_ORIGINS,
  }
}

export const configSchema = configInputSchema.transform(toConfig)

export type ConfigSource = 'flag' | 'environment' | 'gatehouse.toml'

export type Config = z.infer<typeof configSchema> & {
  /** The variables that were set, and where; a variable left out has its default. */
  sources: Partial<Record<ConfigVariable, ConfigSource>>
}
