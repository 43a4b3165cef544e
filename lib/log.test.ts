import { Writable } from 'node:stream'
import { DrizzleQueryError } from 'drizzle-orm/errors'
import { describe, expect, it, vi } from 'vitest'
import { createLogger, REDACTED, readableDestination, redactUrl } from './log'

function captureStream() {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString())
      done()
    },
  })
  return { stream, lines }
}

function capture() {
  const { stream, lines } = captureStream()
  return { logger: createLogger('info', stream), lines }
}

describe('log redaction', () => {
  it('redacts token= in URLs', () => {
    expect(redactUrl('/api/v1/files/1/stream?token=abc.def&x=1')).toBe(`/api/v1/files/1/stream?token=${REDACTED}&x=1`)
    expect(redactUrl('/x?a=1&refresh_token=r1')).toBe(`/x?a=1&refresh_token=${REDACTED}`)
  })

  it('redacts token= in every logged URL, in fields and in messages', () => {
    const { logger, lines } = capture()
    logger.info(
      {
        url: 'http://localhost:3000/api/v1/files/f1/stream?token=eyJhbGciOi.secret.sig',
        request: { path: '/x?a=1&token=nested-secret' },
      },
      'GET /api/v1/files/f1/stream?token=in-the-message',
    )
    const line = lines.join('')
    for (const secret of ['eyJhbGciOi.secret.sig', 'nested-secret', 'in-the-message'])
      expect(line).not.toContain(secret)
    expect(line.split(`token=${REDACTED}`).length - 1).toBe(3)
  })

  it('redacts passwords, tokens, cookies and authorization headers in logged objects', () => {
    const { logger, lines } = capture()
    logger.info(
      {
        password: 'hunter2',
        body: { refresh_token: 'ghr_secret' },
        headers: { authorization: 'Bearer abc', cookie: 'gatehouse.session=xyz' },
      },
      'request',
    )
    const line = lines.join('')
    for (const secret of ['hunter2', 'ghr_secret', 'Bearer abc', 'gatehouse.session=xyz'])
      expect(line).not.toContain(secret)
    expect(line.split(REDACTED).length - 1).toBe(4)
  })

  // Attack on the log: a link whose parameter name is percent-encoded is still a token to the server.
  it('redacts token parameters however their names are spelt', () => {
    for (const name of ['%74oken', 'TOKEN', 'tok%65n', 'Refresh%5FToken', '%20token']) {
      expect(redactUrl(`/api/v1/files/f/stream?x=1&${name}=leaked-value`)).toBe(
        `/api/v1/files/f/stream?x=1&${name}=${REDACTED}`,
      )
    }
    expect(redactUrl('/x?tokens=keep&%zz=keep')).toBe('/x?tokens=keep&%zz=keep')
    const { logger, lines } = capture()
    logger.info({ url: '/stream?%74oken=in-a-field' }, 'GET /stream?%74oken=in-the-message')
    expect(lines.join('')).not.toMatch(/in-a-field|in-the-message/)
  })

  it('logs a failed query without the values it was given', () => {
    const { logger, lines } = capture()
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_email_unique"'), {
      detail: 'Key (email)=(grace@example.com) already exists.',
      parameters: ['grace@example.com', '$argon2id$v=19$leaked-hash'],
    })
    const error = new DrizzleQueryError(
      'insert into "users" ("email", "password_hash") values ($1, $2)',
      ['grace@example.com', '$argon2id$v=19$leaked-hash'],
      cause,
    )
    logger.error({ err: error }, 'unhandled error in route handler')
    const line = lines.join('')
    expect(line).toContain('Failed query: insert into \\"users\\"')
    expect(line).toContain('users_email_unique')
    expect(line).not.toContain('leaked-hash')
    expect(line).not.toContain('grace@example.com')
  })

  it('writes readable lines for a terminal, with the setup URL set apart and tokens still redacted', async () => {
    const { stream, lines } = captureStream()
    const logger = createLogger('info', readableDestination({ colorize: false, destination: stream }))
    const url = 'http://localhost:3000/setup#token=one-time'
    logger.warn({ setupUrl: url }, `No users yet. Claim this instance at ${url}`)
    logger.info({ url: '/api/v1/files/f/stream?token=secret-link' }, 'file download')
    await vi.waitFor(() => expect(lines.join('')).toContain('file download'))
    const text = lines.join('')
    expect(text).not.toMatch(/^\{/m)
    expect(text).toMatch(
      /WARN.*:\s*\n\n {4}No users yet\. Claim this instance at http:\/\/localhost:3000\/setup#token=one-time\n/,
    )
    expect(text).toContain('file download')
    expect(text).not.toContain('secret-link')
  })
})
