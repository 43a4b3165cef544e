import pino, { type Logger } from 'pino'
import pretty from 'pino-pretty'
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

const URL_SECRET_PARAMS = new Set(['token', 'access_token', 'refresh_token', 'setup_token'])

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' ')).trim().toLowerCase()
  } catch {
    return name.toLowerCase()
  }
}

/**
 * Replaces the value of every `token=` query parameter in a logged URL, however its name is spelt
 * (`%74oken=` is `token=` to the server that reads it).
 */
export function redactUrl(url: string): string {
  return url.replace(/([?&;])([^=&#\s]+)=([^&#\s]*)/g, (match, separator: string, name: string) =>
    URL_SECRET_PARAMS.has(decodedName(name)) ? `${separator}${name}=${REDACTED}` : match,
  )
}

const mayHoldUrlSecret = (text: string) => text.includes('=') && /token|%/i.test(text)

/**
 * A database error without the values of its query: drizzle puts them in the message ("params:
 * …"), postgres.js in `parameters`, and PostgreSQL in `detail` ("Key (email)=(…) already exists").
 */
function withoutQueryValues(serialized: Record<string, unknown>): Record<string, unknown> {
  const scrubbed: Record<string, unknown> = { ...serialized }
  for (const key of ['params', 'parameters', 'detail']) delete scrubbed[key]
  for (const key of ['message', 'stack'] as const) {
    if (typeof scrubbed[key] === 'string')
      scrubbed[key] = (scrubbed[key] as string)
        .split('\n')
        .filter((line) => !line.startsWith('params:'))
        .join('\n')
  }
  if (scrubbed.cause && typeof scrubbed.cause === 'object')
    scrubbed.cause = withoutQueryValues(scrubbed.cause as Record<string, unknown>)
  return scrubbed
}

const serializeError = (error: unknown) => withoutQueryValues(pino.stdSerializers.err(error as Error))

/** Every string in a logged object (two levels deep) with its URL tokens redacted. */
function redactUrlsIn(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return mayHoldUrlSecret(value) ? redactUrl(value) : value
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
      serializers: { err: serializeError },
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
            args.map((arg) => (typeof arg === 'string' && mayHoldUrlSecret(arg) ? redactUrl(arg) : arg)) as Parameters<
              typeof method
            >,
          )
        },
      },
    },
    destination,
  )
}

/**
 * For a person at a terminal (`npm start` by hand): readable lines, and the one-time setup URL set
 * apart so that it is easy to find. The same redaction applies: it runs before the lines are formatted.
 */
export function readableDestination({
  colorize = true,
  destination,
}: {
  colorize?: boolean
  destination?: NodeJS.WritableStream
} = {}) {
  return pretty({
    colorize,
    ...(destination ? { destination } : {}),
    translateTime: 'HH:MM:ss',
    ignore: 'setupUrl',
    messageFormat: (log, messageKey) =>
      log.setupUrl ? `\n\n    ${String(log[messageKey])}\n` : String(log[messageKey] ?? ''),
  })
}

/** The process-wide pino logger: JSON lines on stdout, readable lines when stdout is a terminal. */
export function getLogger(): Logger {
  const holder = globalThis as LoggerGlobal
  holder[LOGGER_SLOT] ??= createLogger(getConfig().logLevel, process.stdout.isTTY ? readableDestination() : undefined)
  return holder[LOGGER_SLOT]
}
