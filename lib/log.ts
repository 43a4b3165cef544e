import pino, { type Logger } from 'pino'
import { getConfig } from '@/lib/config'

export const REDACTED = '***REDACTED***'

// Field names whose values never reach the log, wherever they appear (SPEC §7).
const SECRET_KEYS = [
  'password',
  'new_password',
  'current_password',
  'token',
  'access_token',
  'refresh_token',
  'setup_token',
  'secret',
  'value',
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-csrf-token',
]

const REDACT_PATHS = [
  ...SECRET_KEYS.map((key) => `*["${key}"]`),
  ...SECRET_KEYS.map((key) => `*.*["${key}"]`),
  ...SECRET_KEYS.map((key) => `["${key}"]`),
]

/** Replaces the value of every `token=` query parameter in a logged URL. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|access_token|refresh_token|setup_token)=)[^&#\s]*/gi, `$1${REDACTED}`)
}

/** Every string in a logged object (two levels deep) with its URL tokens redacted. */
function redactUrlsIn(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.includes('token=') ? redactUrl(value) : value
  if (depth >= 2 || value === null || typeof value !== 'object' || value instanceof Error || Array.isArray(value))
    return value
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactUrlsIn(inner, depth + 1)]))
}

const LOGGER_SLOT = Symbol.for('gatehouse.logger')
type LoggerGlobal = typeof globalThis & { [LOGGER_SLOT]?: Logger }

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactUrlsIn(object) as Record<string, unknown>,
      },
      // Messages too: a URL with a download link's token never reaches the log.
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' && arg.includes('token=') ? redactUrl(arg) : arg)) as Parameters<
              typeof method
            >,
          )
        },
      },
    },
    destination,
  )
}

/** The process-wide pino logger (JSON lines on stdout). */
export function getLogger(): Logger {
  const holder = globalThis as LoggerGlobal
  holder[LOGGER_SLOT] ??= createLogger(getConfig().logLevel)
  return holder[LOGGER_SLOT]
}
